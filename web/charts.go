package web

import (
	"fmt"
	"strings"
	"time"

	"sitewatch/config"
	"sitewatch/export"
	"sitewatch/tally"
)

// Pictures of the pages, drawn on the server as inline SVG (no script, no
// external file): the overview's unit × month grid coloured by each month's
// quota state, and the unit page's bar chart of twelve months of posts with
// the quota as a line. Both read the tally; they decide nothing themselves.

// Geometry of the grid, in CSS pixels of the SVG's own coordinates.
const (
	gridLabelWidth = 300 // unit names
	gridHeadHeight = 30  // month labels
	gridRowHeight  = 24
	gridCellGap    = 2
	// gridNameRunes is where a unit name is cut in the label column (the
	// whole name stays in the cell titles).
	gridNameRunes = 42
	// gridQuarterCell and gridYearCell are the widths of a month's cell.
	gridQuarterCell = 90
	gridYearCell    = 44
	gridLegendRow   = 28
)

// Geometry of the unit chart.
const (
	chartMonths      = 12
	chartWidth       = 720
	chartHeight      = 260
	chartLeft        = 40 // y axis labels
	chartRight       = 12
	chartTop         = 16
	chartBottom      = 44 // month labels and legend
	chartBarFraction = 0.6
	// chartZeroMarker is the height of the mark of a month without posts.
	chartZeroMarker = 4
)

// stateFill is the colour of a month by its quota state, with the colour of
// the number written on it.
var stateFill = map[string][2]string{
	tally.StateMet:      {"#2e7d32", "#ffffff"},
	tally.StatePending:  {"#f9a825", "#222222"},
	tally.StateMissed:   {"#c62828", "#ffffff"},
	tally.StateExempt:   {"#90a4ae", "#222222"},
	tally.StateNoQuota:  {"#b0bec5", "#222222"},
	tally.StateUpcoming: {"#eeeeee", "#666666"},
}

// gridLegend lists the states in the order the legend shows them.
var gridLegend = []string{tally.StateMet, tally.StatePending, tally.StateMissed, tally.StateExempt, tally.StateNoQuota, tally.StateUpcoming}

func fillOf(state string) (fill, ink string) {
	if c, ok := stateFill[state]; ok {
		return c[0], c[1]
	}
	return "#eeeeee", "#666666"
}

// svgText is a label at a position.
type svgText struct {
	X, Y int
	Text string
}

// gridCell is one unit's month.
type gridCell struct {
	X, Y, W, H    int
	TX, TY        int
	Fill, Ink     string
	Posts         string
	State, Title  string
	Month, UnitID string
}

// gridRow is one unit of the grid.
type gridRow struct {
	UnitID string
	Label  svgText
	Name   string
	Cells  []gridCell
}

// legendItem is one colour of a legend.
type legendItem struct {
	X, Y       int
	Fill       string
	Label      string
	TX, TY     int
	State      string
	Line, Dash bool
}

// grid is the overview's picture.
type grid struct {
	ID, Title, Desc string
	Width, Height   int
	Months          []svgText
	Rows            []gridRow
	Legend          []legendItem
	// Other is the link to the other period (year ↔ quarter).
	Other, OtherLabel string
}

// buildGrid draws the units of rows over period p (a quarter or a year):
// each cell is the month's counted posts, coloured by its quota state.
func buildGrid(p tally.Period, units map[string]*tally.Unit, rows []indexRow, now time.Time) grid {
	months := p.Months()
	cell := gridQuarterCell
	if len(months) > 3 {
		cell = gridYearCell
	}
	g := grid{
		ID:    "grid",
		Title: "Tình trạng định mức theo tháng của từng đơn vị, " + export.PeriodTitle(p),
		Desc:  "Mỗi ô là một tháng của một đơn vị: số tin được tính, tô màu theo tình trạng định mức (xanh: đạt, vàng: đang chờ, đỏ: không đạt, xám: miễn, không định mức hoặc chưa đến kỳ).",
		Width: gridLabelWidth + len(months)*cell,
	}
	if len(months) > 3 {
		g.Title = fmt.Sprintf("Tình trạng định mức theo tháng của từng đơn vị, năm %d", p.From.Year())
	}
	for i, m := range months {
		t, _ := time.Parse("2006-01", m)
		label := fmt.Sprintf("Tháng %d", t.Month())
		if len(months) > 3 {
			label = fmt.Sprintf("T%d", t.Month())
		}
		g.Months = append(g.Months, svgText{X: gridLabelWidth + i*cell + cell/2, Y: gridHeadHeight - 10, Text: label})
	}
	for ri, row := range rows {
		y := gridHeadHeight + ri*gridRowHeight
		name := row.Name
		if r := []rune(name); len(r) > gridNameRunes {
			name = string(r[:gridNameRunes-1]) + "…"
		}
		gr := gridRow{UnitID: row.ID, Name: row.Name, Label: svgText{X: gridLabelWidth - 8, Y: y + gridRowHeight/2 + 5, Text: name}}
		tu := units[row.ID]
		for i, m := range months {
			c := gridCell{X: gridLabelWidth + i*cell + gridCellGap/2, Y: y + gridCellGap/2, W: cell - gridCellGap, H: gridRowHeight - gridCellGap, Month: m, UnitID: row.ID}
			c.TX, c.TY = c.X+c.W/2, c.Y+c.H/2+5
			state, posts, quota := tally.StateUpcoming, 0, 0
			if tu != nil && i < len(tu.Months) {
				state, posts, quota = tu.Months[i].State, tu.Months[i].Posts, tu.Months[i].Quota
			}
			c.State = state
			c.Fill, c.Ink = fillOf(state)
			begun := monthBegun(m, now, p.Loc)
			if state != tally.StateUpcoming && begun {
				c.Posts = fmt.Sprint(posts) // no count for a month to come
			}
			count := fmt.Sprintf("%d tin", posts)
			if quota > 0 {
				count = fmt.Sprintf("%d/%d tin", posts, quota)
			}
			c.Title = fmt.Sprintf("%s, %s: %s, %s", row.Name, strings.ToLower(monthTitle(m)), count, strings.ToLower(tally.StateLabel(state)))
			if state == tally.StateUpcoming {
				c.Title = fmt.Sprintf("%s, %s: %s", row.Name, strings.ToLower(monthTitle(m)), strings.ToLower(tally.StateLabel(state)))
			}
			gr.Cells = append(gr.Cells, c)
		}
		g.Rows = append(g.Rows, gr)
	}
	ly := gridHeadHeight + len(rows)*gridRowHeight + 10
	x := 0
	for _, st := range gridLegend {
		fill, _ := fillOf(st)
		label := tally.StateLabel(st)
		g.Legend = append(g.Legend, legendItem{X: x, Y: ly, Fill: fill, Label: label, TX: x + 20, TY: ly + 12, State: st})
		x += 28 + 8*len([]rune(label))
	}
	g.Height = ly + gridLegendRow
	if x > g.Width {
		g.Width = x
	}
	return g
}

// bar is one month of the unit chart.
type bar struct {
	X, Y, W, H int
	Fill       string
	Title      string
	Month      string
	Posts      int
	State      string
	// Contrib is the bar of the month's contributions to the Sở's portal
	// (zero height while they are not counted).
	CX, CY, CW, CH int
	CTitle         string
	// ZeroH is the height of the marker drawn on the axis of a month
	// without posts, so that a missed month shows in its colour.
	ZeroH, ZeroY int
}

// chart is the unit page's picture.
type chart struct {
	ID, Title, Desc string
	Width, Height   int
	Bars            []bar
	Labels          []svgText
	Ticks           []svgText
	Grid            []int // y of the horizontal grid lines
	Left, Right     int
	Base            int // y of the x axis
	// QuotaY is the y of the quota line (0: no quota).
	QuotaY     int
	QuotaLabel svgText
	Legend     []legendItem
	// HasContributions is true when contribution bars are drawn.
	HasContributions bool
}

// contributionsFill is the colour of the contribution bars.
const contributionsFill = "#6a1b9a"

// buildChart draws twelve months of u ending with the month of now: the
// counted posts of each month, coloured by its quota state, and the quota
// as a dashed line. contributions, when not nil, gives the month's
// contributions to the Sở's portal, drawn beside the posts.
func buildChart(u *config.Unit, k *config.Kind, t *tally.Unit, contributions func(month string) (int, bool)) chart {
	c := chart{ID: "chart", Width: chartWidth, Height: chartHeight, Left: chartLeft, Right: chartWidth - chartRight, Base: chartHeight - chartBottom}
	quota := 0
	if k != nil {
		quota = k.MonthlyQuota
	}
	if t == nil || len(t.Months) == 0 {
		return c
	}
	first, last := t.Months[0].Month, t.Months[len(t.Months)-1].Month
	c.Title = fmt.Sprintf("Số tin được tính mỗi tháng của %s, %s đến %s", u.Name, strings.ToLower(monthTitle(first)), strings.ToLower(monthTitle(last)))
	c.Desc = "Cột: số tin mỗi tháng, tô màu theo tình trạng định mức."
	if quota > 0 {
		c.Desc += fmt.Sprintf(" Đường nét đứt: định mức %d tin mỗi tháng.", quota)
	}
	contrib := map[string]int{}
	top := quota
	for _, m := range t.Months {
		top = max(top, m.Posts)
		if contributions != nil {
			if n, ok := contributions(m.Month); ok {
				contrib[m.Month] = n
				c.HasContributions = true
				top = max(top, n)
			}
		}
	}
	if c.HasContributions {
		c.Desc += " Cột tím: số tin, bài gửi về trang của Sở."
	}
	top = max(top+1, 2)
	step := max(1, (top+4)/5)
	top = (top + step - 1) / step * step
	plotH := c.Base - chartTop
	y := func(v int) int { return c.Base - v*plotH/top }
	for v := 0; v <= top; v += step {
		c.Ticks = append(c.Ticks, svgText{X: chartLeft - 6, Y: y(v) + 4, Text: fmt.Sprint(v)})
		c.Grid = append(c.Grid, y(v))
	}
	slot := (c.Right - c.Left) / len(t.Months)
	bw := int(float64(slot) * chartBarFraction)
	if c.HasContributions {
		bw /= 2
	}
	for i, m := range t.Months {
		x := c.Left + i*slot + (slot-int(float64(slot)*chartBarFraction))/2
		fill, _ := fillOf(m.State)
		b := bar{X: x, W: bw, Y: y(m.Posts), H: c.Base - y(m.Posts), Fill: fill, Month: m.Month, Posts: m.Posts, State: m.State}
		if m.Posts == 0 {
			b.ZeroH, b.ZeroY = chartZeroMarker, c.Base-chartZeroMarker
		}
		count := fmt.Sprintf("%d tin", m.Posts)
		if quota > 0 {
			count = fmt.Sprintf("%d/%d tin", m.Posts, quota)
		}
		b.Title = fmt.Sprintf("%s: %s, %s", monthTitle(m.Month), count, strings.ToLower(tally.StateLabel(m.State)))
		if n, ok := contrib[m.Month]; ok {
			b.CX, b.CW, b.CY, b.CH = x+bw, bw, y(n), c.Base-y(n)
			b.CTitle = fmt.Sprintf("%s: %d tin, bài gửi về Sở", monthTitle(m.Month), n)
		}
		c.Bars = append(c.Bars, b)
		mt, _ := time.Parse("2006-01", m.Month)
		c.Labels = append(c.Labels, svgText{X: c.Left + i*slot + slot/2, Y: c.Base + 16, Text: fmt.Sprintf("%d/%02d", mt.Month(), mt.Year()%100)})
	}
	if quota > 0 {
		c.QuotaY = y(quota)
		c.QuotaLabel = svgText{X: c.Right, Y: c.QuotaY - 4, Text: fmt.Sprintf("Định mức: %d tin/tháng", quota)}
	}
	ly := c.Base + 30
	c.Legend = append(c.Legend,
		legendItem{X: c.Left, Y: ly, Fill: stateFill[tally.StateMet][0], Label: "Đạt", TX: c.Left + 18, TY: ly + 11},
		legendItem{X: c.Left + 70, Y: ly, Fill: stateFill[tally.StatePending][0], Label: "Đang chờ", TX: c.Left + 88, TY: ly + 11},
		legendItem{X: c.Left + 170, Y: ly, Fill: stateFill[tally.StateMissed][0], Label: "Không đạt", TX: c.Left + 188, TY: ly + 11},
	)
	next := c.Left + 280
	if quota > 0 {
		c.Legend = append(c.Legend, legendItem{X: next, Y: ly + 6, Label: "Định mức", TX: next + 30, TY: ly + 11, Line: true, Dash: true})
		next += 110
	}
	if c.HasContributions {
		c.Legend = append(c.Legend, legendItem{X: next, Y: ly, Fill: contributionsFill, Label: "Gửi về Sở", TX: next + 18, TY: ly + 11})
	}
	return c
}

// chartPeriod is the twelve months ending with the month of now.
func chartPeriod(now time.Time, loc *time.Location) tally.Period {
	cur := tally.MonthOf(now, loc)
	from := cur.From.AddDate(0, 1-chartMonths, 0)
	return tally.Period{From: from, To: cur.To, Loc: loc, Label: from.Format("2006-01") + ".." + cur.From.Format("2006-01")}
}

// yearPeriod is the calendar year of now.
func yearPeriod(now time.Time, loc *time.Location) tally.Period {
	t := now.In(loc)
	from := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, loc)
	return tally.Period{From: from, To: from.AddDate(1, 0, 0), Loc: loc, Label: fmt.Sprint(t.Year())}
}

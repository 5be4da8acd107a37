package extract

import (
	"testing"
	"time"
)

func vn(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestParseTextDate(t *testing.T) {
	t.Parallel()
	loc := vn(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	tests := []struct {
		name, in, want string
	}{
		{"nukeviet weekday", "Thứ hai - 25/11/2026 08:30", "2026-11-25 08:30"},
		{"long form", "ngày 25 tháng 11 năm 2026", "2026-11-25 00:00"},
		{"update time first", "Cập nhật lúc 08:30 25/11/2026", "2026-11-25 08:30"},
		{"dashes", "25-11-2026", "2026-11-25 00:00"},
		{"day first not month first", "05/10/2026", "2026-10-05 00:00"},
		{"blogger header", "Thứ Hai, 16 tháng 11, 2026", "2026-11-16 00:00"},
		{"joomla", "Ngày đăng: 02 Tháng 11 2026", "2026-11-02 00:00"},
		{"hours h", "Đăng lúc 8h30 ngày 05-10-2026", "2026-10-05 08:30"},
		{"iso in text", "2026-11-03 ", "2026-11-03 00:00"},
		{"relative hours", "3 giờ trước", "2026-11-25 07:00"},
		{"yesterday", "hôm qua", "2026-11-24 10:00"},
		{"relative days", "2 ngày trước", "2026-11-23 10:00"},
		{"pm", "Ngày đăng: 28/09/2026 07:45 PM", "2026-09-28 19:45"},
		{"english day month", "Posted on 25 November 2026", "2026-11-25 00:00"},
		{"english month day", "November 25, 2026 10:35 PM", "2026-11-25 22:35"},
		{"english abbreviated", "Nov. 5, 2026", "2026-11-05 00:00"},
		{"english ordinal", "the 3rd of March 2026", "2026-03-03 00:00"},
		{"german dotted day", "Mittwoch, 25. März 2026, 14:45 Uhr", "2026-03-25 14:45"},
		{"german abbreviated", "18. Okt. 2026", "2026-10-18 00:00"},
		{"german numeric", "Veröffentlicht: 07.11.2026", "2026-11-07 00:00"},
		{"spanish", "15 de abril de 2026", "2026-04-15 00:00"},
		{"french", "1er janvier 2026", "2026-01-01 00:00"},
		{"dutch", "9 oktober 2026 11:12", "2026-10-09 11:12"},
		{"us numeric", "11/25/2026", "2026-11-25 00:00"},
		{"year first slashes", "2026/04/17 01:43:09", "2026-04-17 01:43"},
		{"year first dots", "2026.11.02.", "2026-11-02 00:00"},
		{"cjk", "2026年11月25日 10:00", "2026-11-25 10:00"},
		{"russian genitive", "15 августа 2016, 13:43", "2016-08-15 13:43"},
		{"romanian", "duminică, 20 septembrie 2020", "2020-09-20 00:00"},
		{"arabic", "الأربعاء، 07 أكتوبر 2020 - 12:09", "2020-10-07 12:09"},
		{"relative words without digits", "Vừa xong", "2026-11-25 10:00"},
		{"weekday over spaced numbers", "thứ năm, 12 11 2026 16:46", "2026-11-12 16:46"},
		{"sunday over spaced numbers", "Chủ nhật 08 11 2026", "2026-11-08 00:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _, ok := ParseTextDate(tc.in, loc, now)
			if !ok {
				t.Fatalf("ParseTextDate(%q): no date", tc.in)
			}
			if s := got.In(loc).Format("2006-01-02 15:04"); s != tc.want {
				t.Errorf("ParseTextDate(%q) = %s, want %s", tc.in, s, tc.want)
			}
		})
	}
	for _, bad := range []string{"", "không có ngày", "31/02/2026", "45/13/2026", "Lượt xem: 1418",
		"25/11-2026", "Mai 2026", "May 25", "Marzipan 12 2026", "31 February 2026", "13/13/2026",
		"25.11.26", "Phiên bản 1.2.10", "Lớp 12 11 2026 học sinh", "thứ năm, 12 13 2026"} { // two-digit years only where a whole line reads as a date
		if got, _, ok := ParseTextDate(bad, loc, now); ok {
			t.Errorf("ParseTextDate(%q) = %v, want no date", bad, got)
		}
	}
}

// TestParseTextShortYear: the wider search reads two-digit years (the
// latest century not after now), never a version number or a field that
// runs on.
func TestParseTextShortYear(t *testing.T) {
	t.Parallel()
	loc := vn(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	tests := []struct{ in, want string }{
		{"31.10.23", "2023-10-31"},
		{"Party, 30.10.23", "2023-10-30"},
		{"8.5.12", "2012-05-08"},
		{"von lupa am 26/10/13, 03:48 pm", "2013-10-26"},
		{"25.11.26", "2026-11-25"},
		{"02.12.99", "1999-12-02"},
		{"1.2.10.5", ""},
		{"25.11/26", ""},
		{"25.11.2026", "2026-11-25"},
	}
	for _, tc := range tests {
		got, _, ok := parseText(tc.in, loc, now, DayFirst, true)
		s := ""
		if ok {
			s = got.Format(time.DateOnly)
		}
		if s != tc.want {
			t.Errorf("parseText(%q, short) = %q, want %q", tc.in, s, tc.want)
		}
	}
}

func TestParseMachineDate(t *testing.T) {
	t.Parallel()
	loc := vn(t)
	tests := []struct{ in, want string }{
		{"2026-10-28T14:20:00+07:00", "2026-10-28T14:20:00+07:00"},
		{"2026-10-31T17:10:00Z", "2026-11-01T00:10:00+07:00"},
		{"Sat, 31 Oct 2026 17:10:00 GMT", "2026-11-01T00:10:00+07:00"},
		{"Sat, 31 Oct 2026 17:10:00 +0000", "2026-11-01T00:10:00+07:00"},
		{"2026-10-28 14:20:00", "2026-10-28T14:20:00+07:00"}, // no zone: local, never UTC
		{"2026-10-28", "2026-10-28T00:00:00+07:00"},
		{"2026-10-28T14:20:08:684Z", "2026-10-28T21:20:08+07:00"}, // fraction after a colon
		{"2026-09-25T16:02:50CDT", "2026-09-26T04:02:50+07:00"},   // a zone by its name
		{"2026-09-25T16:02:50CST", "2026-09-25T16:02:50+07:00"},   // a name of two zones: local
		{"2026-09-25 16:02:50.5 +0200", "2026-09-25T21:02:50+07:00"},
	}
	for _, tc := range tests {
		got, ok := ParseMachineDate(tc.in, loc)
		if !ok {
			t.Errorf("ParseMachineDate(%q): not parsed", tc.in)
			continue
		}
		if s := got.In(loc).Format(time.RFC3339); s != tc.want {
			t.Errorf("ParseMachineDate(%q) = %s, want %s", tc.in, s, tc.want)
		}
	}
	if _, ok := ParseMachineDate("2026-10-28+0714:20:00", loc); ok {
		t.Error("malformed NukeViet og date must be rejected")
	}
	if _, ok := ParseMachineDate("2026-02-30T10:00:00Z", loc); ok {
		t.Error("30 February must be rejected")
	}
}

func TestURLDate(t *testing.T) {
	t.Parallel()
	loc := vn(t)
	if d, day, ok := URLDate("/2026/09/30/slug/", loc); !ok || !day || d.Day() != 30 {
		t.Errorf("wordpress path: %v %v %v", d, day, ok)
	}
	if _, day, ok := URLDate("/2026/11/slug.html", loc); !ok || day {
		t.Errorf("blogger path: day known=%v ok=%v", day, ok)
	}
}

func FuzzParseTextDate(f *testing.F) {
	for _, s := range []string{"Thứ hai - 25/11/2026 08:30", "ngày 25 tháng 11 năm 2026", "3 giờ trước", "hôm qua", "31/12/2026 23:59", "8h30 1-1-2026"} {
		f.Add(s)
	}
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	f.Fuzz(func(t *testing.T, s string) {
		got, _, ok := ParseTextDate(s, loc, now)
		if ok && (got.Year() < 1990 || got.Year() > 2100) {
			t.Fatalf("absurd year %d from %q", got.Year(), s)
		}
		ParseMachineDate(s, loc)
	})
}

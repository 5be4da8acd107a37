package extract

import "testing"

func TestSetOff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		title, raw string
		want       bool
	}{
		{"26/07/2019", "26/07/2019", true},
		{"Ambulance naar Den Haag | 9 oktober 2026 11:12", "9 oktober 2026 11:12", true},
		{"Tin phòng chống tham nhũng (26.07.2019)", "26.07.2019", true},
		{"Thứ hai, 23/11/2026", "23/11/2026", true},
		{"Kết quả xử lý đơn thư tuần 4 tháng 5 năm 2019", "4 tháng 5 năm 2019", false},
		{"Kế hoạch tổ chức 20/11/2026 tại trường", "20/11/2026", false},
		{"Lịch công tác 20/11/2026 - 27/11/2026", "20/11/2026", false},
	}
	for _, tc := range tests {
		if got := setOff(tc.title, tc.raw); got != tc.want {
			t.Errorf("setOff(%q, %q) = %v, want %v", tc.title, tc.raw, got, tc.want)
		}
	}
}

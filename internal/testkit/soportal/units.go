package soportal

import "strings"

// Unit is a unit of the simulated province.
type Unit struct {
	ID, Name, Kind, Block string
	// Aliases are written into the registry (sites.yaml).
	Aliases []string
	// Host is the unit's own website host (not served: only named in source lines).
	Host string
	// writings are the ways bylines write the unit's name.
	writings []string
}

// units is the province: similar names on purpose (THPT and THCS Nguyễn
// Du, THPT and THCS Lê Quý Đôn, Phòng GD&ĐT huyện Đắk Mil and THPT Đắk
// Mil, two centres GDNN-GDTX), departments of the Sở, and the Sở itself.
func units() []Unit {
	var us []Unit
	add := func(id, name, kind, block, host string, aliases []string, writings ...string) {
		us = append(us, Unit{ID: id, Name: name, Kind: kind, Block: block, Aliases: aliases, Host: host, writings: append([]string{name}, writings...)})
	}
	add("so-gddt", "Sở Giáo dục và Đào tạo tỉnh Lâm Hà", "phong_so", "Sở", "sogddt.lamha.gov.vn", []string{"Văn phòng Sở"})
	add("p-gdtrh", "Phòng Giáo dục Trung học - Sở GD&ĐT tỉnh Lâm Hà", "phong_so", "Các phòng thuộc Sở", "", nil,
		"Phòng GDTrH", "Phòng Giáo dục Trung học", "Phòng GDTrH - Sở GD&ĐT")
	add("p-gdmn", "Phòng Giáo dục Mầm non - Sở GD&ĐT tỉnh Lâm Hà", "phong_so", "Các phòng thuộc Sở", "", nil,
		"Phòng GDMN", "Phòng Giáo dục Mầm non")
	add("p-ktkd", "Phòng Khảo thí và Kiểm định chất lượng giáo dục", "phong_so", "Các phòng thuộc Sở", "", []string{"Phòng KT&KĐCLGD"},
		"Phòng KT&KĐCLGD")
	for _, d := range []struct{ id, name, short string }{
		{"cu-jut", "huyện Cư Jút", "Cư Jút"}, {"krong-no", "huyện Krông Nô", "Krông Nô"}, {"dak-mil", "huyện Đắk Mil", "Đắk Mil"},
		{"dak-song", "huyện Đắk Song", "Đắk Song"}, {"dak-rlap", "huyện Đắk R'Lấp", "Đắk R’Lấp"}, {"dak-glong", "huyện Đắk Glong", "Đắk Glong"},
		{"tuy-duc", "huyện Tuy Đức", "Tuy Đức"}, {"gia-nghia", "thành phố Gia Nghĩa", "TP. Gia Nghĩa"},
	} {
		add("pgd-"+d.id, "Phòng GD&ĐT "+d.name, "phong_gddt", "Khối Phòng GD&ĐT", "pgd"+strings.ReplaceAll(d.id, "-", "")+".lamha.edu.vn", nil,
			"Phòng GD&ĐT "+d.short, "PGD "+d.short, "PGDĐT "+d.short, "Phòng Giáo dục và Đào tạo "+d.name, "Phòng GD-ĐT "+d.short)
	}
	for _, s := range []struct{ id, patron string }{
		{"chu-van-an", "Chu Văn An"}, {"nguyen-du", "Nguyễn Du"}, {"dak-mil", "Đắk Mil"}, {"krong-no", "Krông Nô"},
		{"phan-chu-trinh", "Phan Chu Trinh"}, {"truong-chinh", "Trường Chinh"}, {"nguyen-tat-thanh", "Nguyễn Tất Thành"},
		{"le-quy-don", "Lê Quý Đôn"}, {"tran-hung-dao", "Trần Hưng Đạo"}, {"hung-vuong", "Hùng Vương"},
	} {
		var aliases []string
		if s.id == "chu-van-an" {
			aliases = []string{"THPT CVA"}
		}
		add("thpt-"+s.id, "Trường THPT "+s.patron, "truc_thuoc", "Khối THPT", "thpt"+strings.ReplaceAll(s.id, "-", "")+".lamha.edu.vn", aliases,
			"THPT "+s.patron, "Trường Trung học phổ thông "+s.patron, fold("Trường THPT "+s.patron), strings.ToUpper("Trường THPT "+s.patron))
	}
	add("thcs-nguyen-du", "Trường THCS Nguyễn Du", "truc_thuoc", "Khối THCS", "thcsnguyendu.lamha.edu.vn", nil,
		"THCS Nguyễn Du", "Trường Trung học cơ sở Nguyễn Du")
	add("thcs-le-quy-don", "Trường THCS Lê Quý Đôn", "truc_thuoc", "Khối THCS", "thcslequydon.lamha.edu.vn", nil,
		"THCS Lê Quý Đôn", "Truong THCS Le Quy Don")
	add("th-le-loi", "Trường Tiểu học Lê Lợi", "truc_thuoc", "Khối Tiểu học", "thleloi.lamha.edu.vn", nil, "Trường TH Lê Lợi", "TH Lê Lợi")
	add("mn-hoa-sen", "Trường Mầm non Hoa Sen", "truc_thuoc", "Khối Mầm non", "mnhoasen.lamha.edu.vn", nil, "Trường MN Hoa Sen", "MN Hoa Sen")
	add("ptdtnt-ntrang-long", "Trường PT Dân tộc nội trú N'Trang Lơng", "truc_thuoc", "Khối DTNT", "dtntntranglong.lamha.edu.vn", nil,
		"Trường PTDTNT N’Trang Lơng", "Trường Phổ thông Dân tộc nội trú N'Trang Lơng")
	add("ptdtnt-dak-glong", "Trường PT DTNT THCS và THPT huyện Đắk Glong", "truc_thuoc", "Khối DTNT", "dtntdakglong.lamha.edu.vn", nil,
		"Trường PT DTNT Đắk Glong", "Trường PTDTNT THCS&THPT Đắk Glong")
	add("tt-dak-song", "Trung tâm GDNN-GDTX huyện Đắk Song", "truc_thuoc", "Khối Trung tâm", "ttgdtxdaksong.lamha.edu.vn", nil,
		"TT GDNN-GDTX Đắk Song", "Trung tâm GDNN-GDTX Đắk Song")
	add("tt-krong-no", "Trung tâm GDNN-GDTX huyện Krông Nô", "truc_thuoc", "Khối Trung tâm", "ttgdtxkrongno.lamha.edu.vn", nil,
		"TT GDNN-GDTX Krông Nô", "TTGDTX Krông Nô")
	return us
}

// fold writes s without diacritics, as some senders type.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f, ok := plain[r]; ok {
			b.WriteRune(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var plain = func() map[rune]rune {
	m := map[rune]rune{'đ': 'd', 'Đ': 'D'}
	groups := map[rune]string{
		'a': "àáảãạăằắẳẵặâầấẩẫậ", 'e': "èéẻẽẹêềếểễệ", 'i': "ìíỉĩị", 'o': "òóỏõọôồốổỗộơờớởỡợ", 'u': "ùúủũụưừứửữự", 'y': "ỳýỷỹỵ",
		'A': "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'E': "ÈÉẺẼẸÊỀẾỂỄỆ", 'I': "ÌÍỈĨỊ", 'O': "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'U': "ÙÚỦŨỤƯỪỨỬỮỰ", 'Y': "ỲÝỶỸỴ",
	}
	for base, rs := range groups {
		for _, r := range rs {
			m[r] = base
		}
	}
	return m
}()

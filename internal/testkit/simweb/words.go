package simweb

// Read-only word pools the generator draws from. All names are fictional.

// Persons whose names schools carry.
var schoolPatrons = []string{
	"Chu Văn An", "Trần Hưng Đạo", "Lý Thường Kiệt", "Ngô Quyền", "Hùng Vương",
	"Quang Trung", "Võ Thị Sáu", "Nguyễn Du", "Lương Thế Vinh", "Nguyễn Bỉnh Khiêm",
	"Huỳnh Thúc Kháng", "Phan Chu Trinh", "Trần Phú", "Lê Hồng Phong", "Hoàng Hoa Thám",
	"Đinh Tiên Hoàng", "Bà Triệu", "Hai Bà Trưng", "Nguyễn Thị Minh Khai", "Mạc Đĩnh Chi",
	"Nguyễn Văn Cừ", "Tô Hiệu", "Lê Lợi", "Nguyễn Huệ", "Trần Quốc Toản", "Phạm Ngũ Lão",
	"Yết Kiêu", "Nguyễn Đình Chiểu", "Tôn Thất Tùng", "Hồ Tùng Mậu", "Nguyễn Khuyến",
	"Trần Quang Khải", "Lê Văn Tám", "Nguyễn Viết Xuân", "Cù Chính Lan", "Phan Đình Phùng",
	"Nguyễn Thái Học", "Hàm Nghi", "Lê Thánh Tông", "Nguyễn Trường Tộ", "Đào Duy Từ",
	"Văn Lang", "Âu Cơ", "Lạc Long Quân", "Trưng Vương", "Ngô Gia Tự", "Phù Đổng",
}

// Fictional district names of a fictional province.
var districts = []string{
	"Tân Phú", "An Hòa", "Thạch Bàn", "Vĩnh Lộc", "Phước Sơn", "Mỹ Thạnh", "Long Điền",
	"Hương Sơn", "Quế Lâm", "Bình Giang", "Ea Thanh", "Krông Lâm", "Đắk Mây", "Cư Yên",
	"Hòa Vang", "Sông Cầu", "Đồng Xoài", "Tuy Lâm", "Kim Sơn", "Yên Lạc", "Thanh Khê",
	"Lạc Dương", "Bảo Thắng", "Mường Lát", "Tam Nông", "Cẩm Giàng", "Nghĩa Hưng",
}

// Fictional communes and wards.
var communes = []string{
	"Hòa Thắng", "Tân Lập", "Ea Kao", "Phú Lợi", "Bình Minh", "Thống Nhất", "Quyết Thắng",
	"Hòa Xuân", "Cư Êbur", "Tân An", "Thành Công", "Nghĩa Đức", "Quảng Phú", "Đại Lộc",
	"Phước Hòa", "Thịnh Lang", "Yên Thế", "Hòa Khánh", "Tân Tiến", "Ea Tu",
}

const provinceName = "Lâm Hà"
const provinceSlug = "lamha"

var familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
var middleMale = []string{"Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công"}
var middleFemale = []string{"Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim"}
var givenMale = []string{"Hùng", "Dũng", "Tuấn", "Phong", "Long", "Sơn", "Bình", "Cường", "Hải", "Nam", "Quân", "Thắng", "Khoa"}
var givenFemale = []string{"Lan", "Hoa", "Mai", "Hạnh", "Hương", "Thảo", "Trang", "Nga", "Yến", "Loan", "Dung", "Oanh", "Vân"}

var slogans = []string{
	"Dạy thật - Học thật - Chất lượng thật",
	"Nề nếp - Chăm ngoan - Sáng tạo",
	"Đoàn kết - Đổi mới - Sáng tạo - Phát triển",
	"Mỗi ngày đến trường là một ngày vui",
	"Chất lượng giáo dục là danh dự của nhà trường",
	"Học để biết, học để làm, học để chung sống",
	"Vì học sinh thân yêu",
	"Trường học hạnh phúc - Thầy cô mẫu mực",
}

var subjects = []string{"Toán", "Ngữ văn", "Tiếng Anh", "Vật lí", "Hóa học", "Sinh học", "Lịch sử", "Địa lí", "Tin học", "Giáo dục công dân", "Công nghệ", "Âm nhạc", "Mĩ thuật", "Giáo dục thể chất"}

// titleTemplate is a post title pattern. {SY} is the school year, {SUB} a
// subject, {N} a number, {G} a grade, {Y} the year; months restricts when
// it is used (empty: any month).
type titleTemplate struct {
	text   string
	cat    int // preferred category slot: 0 news, 1 notices, 2 teaching, 3 youth
	months []int
}

var titleTemplates = []titleTemplate{
	{"Hội nghị cán bộ, viên chức và người lao động năm học {SY}", 0, []int{8, 9, 10}},
	{"Lễ khai giảng năm học mới {SY}", 0, []int{9}},
	{"Rộn ràng ngày tựu trường năm học {SY}", 0, []int{8, 9}},
	{"Khai mạc Hội thao học sinh cấp trường năm {Y}", 3, nil},
	{"Ngày hội đọc sách và văn hóa đọc năm {Y}", 0, nil},
	{"Hội thi giáo viên dạy giỏi cấp trường môn {SUB}", 2, nil},
	{"Chuyên đề đổi mới phương pháp dạy học môn {SUB}", 2, nil},
	{"Sinh hoạt chuyên môn theo nghiên cứu bài học môn {SUB}", 2, nil},
	{"Tổ {SUB} tổ chức dự giờ, thao giảng đợt {N}", 2, nil},
	{"Tập huấn sử dụng sách giáo khoa lớp {G} môn {SUB}", 2, []int{7, 8, 9}},
	{"Tập huấn kỹ năng sơ cấp cứu cho học sinh", 3, nil},
	{"Tuyên truyền phòng, chống tai nạn thương tích cho học sinh", 3, nil},
	{"Tuyên truyền an toàn giao thông đầu năm học {SY}", 3, []int{9, 10}},
	{"Ngoại khóa phòng, chống ma túy trong trường học", 3, nil},
	{"Trao {N} suất học bổng cho học sinh vượt khó học giỏi", 0, nil},
	{"Kỷ niệm {N} năm Ngày Nhà giáo Việt Nam 20/11", 0, []int{11}},
	{"Hội diễn văn nghệ chào mừng Ngày Nhà giáo Việt Nam", 3, []int{11}},
	{"Tri ân thầy cô giáo nhân dịp 20/11", 3, []int{11}},
	{"Hoạt động chào mừng Ngày Phụ nữ Việt Nam 20/10", 3, []int{10}},
	{"Tết Trung thu yêu thương cho học sinh", 3, []int{9, 10}},
	{"Kế hoạch kiểm tra giữa học kỳ I năm học {SY}", 1, []int{10, 11}},
	{"Kế hoạch kiểm tra cuối học kỳ I năm học {SY}", 1, []int{11, 12}},
	{"Thông báo về buổi gặp mặt phụ huynh học sinh đầu năm", 1, []int{9, 10}},
	{"Thông báo tuyển sinh lớp {G} năm học {SY}", 1, []int{5, 6, 7}},
	{"Thông báo về việc nghỉ học do ảnh hưởng của mưa bão", 1, []int{9, 10, 11}},
	{"Thông báo danh sách học sinh được miễn, giảm học phí", 1, nil},
	{"Thông báo kết quả xét duyệt sáng kiến kinh nghiệm năm {Y}", 1, nil},
	{"Học sinh lớp {G} tham quan, trải nghiệm thực tế tại địa phương", 0, nil},
	{"Giải bóng đá học sinh chào mừng ngày thành lập Đoàn", 3, nil},
	{"Đại hội Liên đội thiếu niên nhiệm kỳ {SY}", 3, []int{9, 10}},
	{"Đại hội Chi đoàn giáo viên nhiệm kỳ {SY}", 3, []int{9, 10}},
	{"Sân chơi trí tuệ “Đường lên đỉnh tri thức” khối {G}", 3, nil},
	{"Cuộc thi “Em yêu khoa học” năm {Y}", 2, nil},
	{"Ngày hội STEM cấp trường năm học {SY}", 2, nil},
	{"Câu lạc bộ Tiếng Anh ra mắt thành viên mới", 2, nil},
	{"Đoàn kiểm tra của Sở GD&ĐT làm việc tại đơn vị", 0, nil},
	{"Tổng kết thi đua học kỳ II năm học {SY}", 0, []int{5, 6}},
	{"Tổ chức khám sức khỏe học đường năm học {SY}", 0, nil},
	{"Thực hành phương án phòng cháy, chữa cháy tại trường năm {Y}", 3, nil},
	{"Các hoạt động trong Tuần lễ hưởng ứng học tập suốt đời {Y}", 0, []int{10}},
	{"Chuyển đổi số trong quản lý hồ sơ học sinh", 2, nil},
	{"Triển khai học bạ số đối với học sinh lớp {G}", 2, nil},
	{"Vinh danh học sinh đạt giải kỳ thi học sinh giỏi cấp tỉnh", 0, nil},
	{"Hội thảo nâng cao chất lượng dạy học môn {SUB}", 2, nil},
	{"Ra quân vệ sinh môi trường “Trường học xanh - sạch - đẹp”", 3, nil},
	{"Ngày hội hiến máu tình nguyện năm {Y}", 3, nil},
	{"Giao lưu văn hóa giữa học sinh các dân tộc trong trường", 3, nil},
	{"Tổ chức Lễ trưởng thành cho học sinh khối {G}", 3, nil},
	{"Kết quả Hội thi tin học trẻ cấp huyện năm {Y}", 2, nil},
	{"Hội nghị triển khai nhiệm vụ năm học {SY}", 0, []int{8, 9}},
	{"Bồi dưỡng chính trị hè cho cán bộ, giáo viên năm {Y}", 0, []int{7, 8}},
	{"Thăm và tặng quà gia đình chính sách nhân dịp 27/7", 3, []int{7}},
	{"Kiểm tra công tác bán trú tại các trường mầm non", 0, nil},
	{"Hướng dẫn đánh giá học sinh theo Thông tư 22", 2, nil},
	{"Ôn tập cho học sinh lớp 12 chuẩn bị kỳ thi tốt nghiệp", 2, nil},
}

var categoryNames = [][2]string{ // label, slug
	{"Tin tức - Sự kiện", "tin-tuc"},
	{"Thông báo", "thong-bao"},
	{"Hoạt động chuyên môn", "chuyen-mon"},
	{"Hoạt động Đoàn - Đội", "doan-doi"},
}

var leadOpeners = []string{"Sáng ngày", "Chiều ngày", "Ngày", "Trong hai ngày", "Tối ngày"}

var bodySentences = []string{
	"Về dự có đại diện lãnh đạo địa phương, Ban đại diện cha mẹ học sinh cùng toàn thể cán bộ, giáo viên, nhân viên của đơn vị.",
	"Hoạt động nhằm giáo dục kỹ năng sống, bồi dưỡng tinh thần đoàn kết và tình yêu trường lớp cho học sinh.",
	"Các tiết mục được dàn dựng công phu, thể hiện sự đầu tư và sáng tạo của các lớp.",
	"Ban tổ chức đã trao giấy khen và phần thưởng cho các tập thể, cá nhân có thành tích xuất sắc.",
	"Thông qua hoạt động, học sinh được rèn luyện kỹ năng làm việc nhóm, thuyết trình và giải quyết vấn đề.",
	"Nhà trường đề nghị cha mẹ học sinh phối hợp chặt chẽ với giáo viên chủ nhiệm trong việc quản lý, giáo dục các em.",
	"Các tổ chuyên môn đã chuẩn bị chu đáo kế hoạch, giáo án và đồ dùng dạy học.",
	"Buổi sinh hoạt diễn ra sôi nổi, nhiều ý kiến trao đổi thẳng thắn, thiết thực.",
	"Đây là dịp để giáo viên học hỏi kinh nghiệm, nâng cao năng lực chuyên môn, nghiệp vụ.",
	"Kết thúc chương trình, đại biểu và học sinh cùng chụp ảnh lưu niệm.",
	"Học sinh hào hứng tham gia các trò chơi dân gian và hoạt động trải nghiệm.",
	"Đơn vị sẽ tiếp tục duy trì, nhân rộng mô hình trong thời gian tới.",
	"Mọi thông tin chi tiết xin liên hệ văn phòng nhà trường trong giờ hành chính.",
	"Công tác chuẩn bị được triển khai từ sớm, bảo đảm an toàn, tiết kiệm và hiệu quả.",
	"Hội đồng đánh giá đã làm việc nghiêm túc, khách quan và công bằng.",
	"Kết quả này là động lực để thầy và trò tiếp tục phấn đấu trong năm học mới.",
	"Các lớp đã tích cực hưởng ứng, huy động được sự tham gia của đông đảo học sinh.",
	"Đoàn công tác ghi nhận những kết quả đạt được và góp ý một số nội dung cần khắc phục.",
}

var photoPhrases = []string{
	"Đại biểu dự buổi lễ", "Quang cảnh hội nghị", "Các em say mê với hoạt động trải nghiệm",
	"Ban giám hiệu tặng hoa chúc mừng", "Màn đồng diễn văn nghệ của học sinh", "Giáo viên trao đổi chuyên môn",
	"Các em học sinh hào hứng tham gia trò chơi", "Trao thưởng cho các tập thể xuất sắc",
	"Thầy và trò chụp ảnh lưu niệm", "Một tiết dạy minh họa", "Đội tuyển học sinh giỏi của trường",
	"Học sinh thực hành thí nghiệm", "Lãnh đạo địa phương phát biểu tại buổi lễ",
	"Cha mẹ học sinh tham dự buổi họp", "Hoạt động ngoại khóa ngoài trời", "Toàn cảnh sân trường",
	"Tiết mục múa giành giải cao nhất hội diễn", "Các đội thi tranh tài sôi nổi", "Bác sĩ khám sức khỏe cho học sinh",
	"Giáo viên hướng dẫn học sinh sử dụng thiết bị", "Buổi tuyên truyền thu hút đông đảo học sinh",
	"Đoàn viên thanh niên ra quân dọn vệ sinh", "Trao quà, học bổng tiếp sức cho học sinh nghèo",
	"Ban tổ chức công bố kết quả", "Lễ chào cờ đầu tuần",
}

var cameraNames = []string{"IMG_3187.JPG", "DSC_0417.jpg", "z6120377_4c9e.jpg", "hinh-anh-5.png", "anh-02.jpg", "received_84211.jpeg", "IMG20261102.jpg", "z6011_88a3c.jpg"}

var emojiCodes = []string{"1f389", "1f4da", "1f3c6", "2764", "1f44f", "1f338", "1f31f", "1f4e2"}
var emojiChars = []string{"🎉", "📚", "🏆", "❤", "👏", "🌸", "🌟", "📢"}

var docTitles = []string{
	"Kế hoạch giáo dục nhà trường năm học {SY}",
	"Quy chế chi tiêu nội bộ năm {Y}",
	"Quyết định kiện toàn tổ tư vấn học đường",
	"Kế hoạch kiểm tra nội bộ năm học {SY}",
	"Thông báo công khai các khoản thu năm học {SY}",
	"Báo cáo tự đánh giá chất lượng giáo dục",
	"Quy chế dân chủ cơ sở năm học {SY}",
	"Kế hoạch phòng, chống thiên tai năm {Y}",
}

var docKinds = []string{"KH", "QĐ", "TB", "BC", "CV"}

"""Word lists of the genre that the name recogniser (``names.py``) looks words up in.

Everything here is general Vietnamese or general to trade-union news: surnames, titles, organisation head
words, administrative levels, provinces, common abbreviations. Entries are written in ordinary spelling;
``names.py`` turns them into lookup keys (lower-case, canonical tone placement), so "Uỷ"/"Ủy" and
"hoà"/"hòa" variants need no entries of their own.
"""

from __future__ import annotations


def _words(block: str) -> list[str]:
    return block.split()


def _phrases(block: str) -> list[str]:
    """One phrase per comma-separated item."""
    return [p.strip() for p in block.replace("\n", " ").split(",") if p.strip()]

# --- people -----------------------------------------------------------------------------------

# Vietnamese family names (the common ones and a long tail of rarer ones). Words that are far more often
# something else at the start of a capitalised run ("Ông", "Phó", "Đồng", "Nhâm") are left out on purpose.
SURNAMES = _words("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Cù Đinh Tạ Lương Trịnh Mai Đào
Lưu Quách Doãn Hà Lâm Tô Châu Thái Kiều Trương Triệu Diệp Kha Hứa Thạch Sầm Chu Vi Lục Mạc Ninh Phí
Phùng Nghiêm Tăng Từ Tống Khổng Lã Lữ Đàm Giáp Hầu Lại Mẫn Quan Thân Thiều Tôn Vương Ung Âu Bạch Biện
Cung Hàn Khương Khúc La Lò Mã Tiêu Cao Đoàn Kim Nông Bế Lạc Chế Cấn Đậu Khuất Khiếu Mạch Nhữ Ngọ Tào
Tiết Trình Uông Bành Bì Cầm Chử Đái Hán Kiểu Lăng Lều Lỗ Lù Mông Ngụy Nhan Ôn Sử Tán Thang Tòng Vòng Xa
Văn
""")

# Words that look like surnames above but open other capitalised phrases far more often: they are only
# accepted as a surname when the run is long enough (3+ words) or has a middle name ("Cao Thị …").
WEAK_SURNAMES = _words("""
Văn Đoàn Kim Cao Mai Lâm Châu Thái Hà La Lò Quan Hàn Lạc Tôn Ninh Chu Vi Mã Xa Thang Cung Nông Ngọ
""")

# Middle names that make a capitalised run almost certainly a person.
PERSON_MIDDLES = ["Thị", "Văn"]

# Words right before a name: "đồng chí Trần …", "Đ/c …", "ông …". Multi-word cues are tuples of words.
PERSON_CUES = [
    "đồng chí", "các đồng chí", "đ/c", "ông", "bà", "chị", "anh", "em", "cô", "thầy", "cháu", "cụ",
    "đoàn viên", "công nhân", "giáo viên", "nhà giáo", "bác sĩ", "kỹ sư", "luật sư", "nghệ sĩ", "tác giả",
    "nữ đoàn viên", "nữ công nhân", "đại biểu", "học sinh", "sinh viên", "gia đình", "trung tá", "thượng tá",
    "đại tá", "thiếu tá", "đại úy", "thiếu tướng", "trung tướng", "phóng viên", "nhà báo",
    # General news: sport, arts and business name people after what they do.
    "HLV", "huấn luyện viên", "cầu thủ", "tiền đạo", "tiền vệ", "hậu vệ", "thủ môn", "vận động viên", "VĐV",
    "đạo diễn", "ca sĩ", "diễn viên", "nhạc sĩ", "nhà văn", "họa sĩ", "doanh nhân", "tỷ phú",
    # Titles of honour and degrees, often before a stage or short name ("NSND Lan Hương").
    "NSND", "NSƯT", "NGND", "NGƯT", "AHLĐ", "GS", "PGS", "TS", "ThS", "BS", "PGS.TS", "GS.TS",
]

# --- roles ------------------------------------------------------------------------------------

# Titles a role can carry, longest forms first is not needed: matching is longest-match on words.
ROLE_TITLES = [
    "Chủ tịch", "Bí thư", "Giám đốc", "Tổng Giám đốc", "Cục trưởng", "Viện trưởng", "Vụ trưởng", "Trưởng ban",
    "Trưởng phòng", "Trưởng khoa", "Trưởng đoàn", "Trưởng Ban", "Trưởng", "Hiệu trưởng", "Chánh Văn phòng",
    "Chánh văn phòng", "Chánh án", "Chánh Thanh tra", "Thủ tướng", "Bộ trưởng", "Thứ trưởng",
    "Tổng cục trưởng", "Chủ nhiệm", "Tổ trưởng", "Quản đốc", "Kế toán trưởng", "Tổng Biên tập",
    "Ủy viên", "Thành ủy viên", "Tỉnh ủy viên", "Huyện ủy viên", "Quận ủy viên", "Đảng ủy viên", "Thư ký",
    "Chi hội trưởng", "Trưởng thôn", "Trưởng ấp", "Giám đốc điều hành", "Chủ tịch Hội đồng quản trị",
    "Chủ tịch HĐQT", "Tổng Thư ký", "Trưởng Văn phòng", "Chánh Thanh tra", "Đội trưởng", "Tổ phó",
    "Trưởng bộ phận", "Trưởng Phòng", "Chủ tịch nước", "Đại biểu Quốc hội", "Phó ban", "Phó Trưởng ban",
    "Trưởng ban Thường trực",
    # Armed forces and police ("Đại tá Trần Quốc Hùng, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh").
    "Chỉ huy trưởng", "Chính ủy", "Tư lệnh", "Tham mưu trưởng",
]
# A role may be "Phó …" of any title above, and may be followed by "Thường trực".
ROLE_DEPUTY = "Phó"
ROLE_STANDING = "Thường trực"

# "Ủy viên Ban Chấp hành", "Trưởng Ban Dân vận", "Chủ nhiệm Ủy ban Kiểm tra": committee names that, after
# a membership or head title, belong to the role itself.
COMMITTEES = [
    "Ban Chấp hành", "Ban chấp hành", "BCH", "Ban Thường vụ", "BTV", "Ban Dân vận", "Ban Tổ chức", "Ban Tuyên giáo",
    "Ban Nữ công", "Ban Kiểm tra", "Ủy ban Kiểm tra", "UBKT", "Ban Chính sách", "Ban Tài chính",
    "Ban Pháp luật", "Ban Quan hệ lao động", "Ban Thanh tra nhân dân", "Ban Nội chính", "Ban Kinh tế",
    "Đoàn Chủ tịch", "Ban Chỉ đạo", "Ban Bí thư", "Ban Giám khảo", "Chi bộ", "Ban Tuyên giáo và Nữ công",
    "Ban Chính sách – Pháp luật", "Ban Chính sách - Pháp luật",
    # The Party's central bodies, which national leaders' roles name first ("Ủy viên Trung ương Đảng").
    "Trung ương Đảng", "Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương", "Bộ Chính trị",
    "Ban Bí thư Trung ương Đảng",
]
# A minister's ministry named by its sector alone ("Bộ trưởng Ngoại giao", "Thứ trưởng Y tế"): part of the role.
MINISTRY_SECTORS = [
    "Ngoại giao", "Quốc phòng", "Công an", "Tài chính", "Tư pháp", "Nội vụ", "Y tế", "Xây dựng", "Công Thương",
    "Công thương", "Giáo dục và Đào tạo", "Giao thông vận tải", "Kế hoạch và Đầu tư",
    "Lao động - Thương binh và Xã hội", "Lao động, Thương binh và Xã hội", "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường", "Tài nguyên và Môi trường", "Thông tin và Truyền thông",
    "Văn hóa, Thể thao và Du lịch", "Khoa học và Công nghệ", "Dân tộc và Tôn giáo",
]
# Only these titles take a committee into the role ("Bí thư Chi bộ", "Ủy viên Ban Thường vụ").
COMMITTEE_TITLES = ["Ủy viên", "Trưởng", "Trưởng ban", "Phó Trưởng ban", "Phó ban", "Bí thư", "Phó Bí thư",
                    "Trưởng Ban"]
# Committee words fused into the title in writing: "Trưởng ban Tổ chức" = "Trưởng" + "Ban Tổ chức".
BAN_FUSED_TITLES = ["Trưởng ban", "Phó Trưởng ban", "Phó ban"]

# --- organisations ----------------------------------------------------------------------------

# Head words that open an organisation name. Multi-word heads win over their prefixes ("Ủy ban nhân dân"
# over "Ủy ban").
ORG_HEADS = [
    "Công đoàn", "Liên đoàn Lao động", "Tổng Liên đoàn Lao động", "Liên đoàn", "Bộ", "Cục", "Chi cục", "Sở",
    "Tổng cục", "Vụ", "Viện", "Học viện", "Ủy ban", "Ủy ban nhân dân", "Ủy ban Mặt trận Tổ quốc",
    "Mặt trận Tổ quốc", "Ban", "Ban Chấp hành", "Ban Thường vụ", "Ban Dân vận", "Ban Tổ chức", "Ban Tuyên giáo",
    "Đảng ủy", "Đảng bộ", "Chi bộ", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng đoàn",
    "Công ty", "Tập đoàn", "Tổng công ty", "Trường", "Bệnh viện", "Hội", "Hội đồng", "Hội đồng nhân dân",
    "Đoàn Thanh niên", "Văn phòng", "Trung tâm", "Khu công nghiệp", "Khu chế xuất", "Khu kinh tế",
    "Cụm công nghiệp", "Ngân hàng", "Kho bạc", "Tòa án", "Tòa án nhân dân", "Viện kiểm sát",
    "Viện kiểm sát nhân dân", "Phòng", "Đại học", "Nhà máy", "Xí nghiệp", "Hợp tác xã", "Thanh tra",
    "Bảo hiểm xã hội", "Công an", "Bộ Chỉ huy", "Bộ Tư lệnh", "Báo", "Đài Phát thanh", "Đài Truyền hình",
    "Nhà xuất bản", "Nhà văn hóa", "Cung Văn hóa", "Ban Quản lý", "Chính phủ", "Quốc hội", "Bộ Chính trị",
    "Ban Bí thư", "Khối", "Tổ Công đoàn", "Nghiệp đoàn", "Liên hiệp", "Câu lạc bộ", "Quỹ",
    "Ủy ban Kiểm tra", "Văn phòng Chính phủ", "Ban Nữ công",
]
# Heads that name one body on their own ("Tỉnh ủy", "Chính phủ"); the others need a name after them.
SELF_STANDING_HEADS = ["Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Chính phủ", "Quốc hội",
                       "Bộ Chính trị", "Ban Bí thư", "Tổng Liên đoàn Lao động", "Ủy ban Kiểm tra"]
# Heads that may end in a person's or a place's name as part of the body ("Trường THCS Trần Phú").
NAMED_AFTER_HEADS = ["Trường", "Quỹ", "Câu lạc bộ", "Nhà văn hóa", "Cung Văn hóa", "Bệnh viện"]
# Phrases that start like an organisation but are not one.
NOT_ORG_PHRASES = [
    "Hội nghị", "Hội thi", "Hội thao", "Hội diễn", "Hội trường", "Hội viên", "Hội chợ", "Hội thảo",
    "Bộ luật", "Bộ phận", "Bộ trưởng", "Bộ đội", "Bộ, ngành", "Ban tổ chức", "Ban Tổ chức chương trình",
    "Ban Giám đốc", "Ban giám đốc", "Ban Giám hiệu", "Ban lãnh đạo", "Ban Lãnh đạo", "Trường hợp",
    "Phòng chống", "Phòng, chống", "Sở dĩ", "Vụ việc", "Viện trưởng", "Văn phòng phẩm",
    "Khối thi đua", "Đoàn Chủ tịch", "Quỹ Khuyến học",
]
# Lower-case words allowed right after a head word: "Công đoàn cơ sở …", "Công đoàn ngành Giao thông vận tải".
ORG_QUALIFIERS = [
    "cơ sở", "ngành", "các", "cơ quan", "bộ phận", "viên chức", "nhân dân", "tối cao", "trung ương",
    "khối", "trực thuộc", "giáo dục", "kiểm sát nhân dân", "liên doanh", "cổ phần", "trách nhiệm hữu hạn",
    "tư nhân", "nhà nước", "thành viên", "cấp trên", "đoàn",
]
# Qualifiers that also close a name ("TAND tối cao", "Ban Chấp hành Trung ương").
ORG_TAIL_QUALIFIERS = ["tối cao", "trung ương", "Trung ương", "Việt Nam"]
# Words after which an organisation's lower-case tail stops ("Cục Quản lý thị trường | đã tổ chức").
ORG_STOP_WORDS = _phrases("""
đã, đang, sẽ, vừa, mới, có, là, được, bị, và, với, của, cho, tại, về, trong, ngoài, năm, ngày, tháng, sáng,
chiều, tối, nhiệm kỳ, khóa, lần, thứ, để, nhằm, đến, từ, theo, do, bằng, cũng, luôn, thường, không, chưa,
hiện, này, đó, ấy, kia, những, mỗi, các, cùng, như, nên, thì, mà, nhưng, hay, hoặc, khi, sau, trước, trên,
dưới, giữa, qua, vào, ra, lên, xuống, tổ chức, phối hợp, triển khai, trao, tặng, phát biểu, chủ trì, chỉ đạo,
phát động, ký kết, nhận, gồm, thuộc, đạt, tham gia, thực hiện, hoàn thành, tiếp tục, thăm hỏi, hỗ trợ,
quản lý, đề nghị, yêu cầu, biểu dương, ghi nhận, đánh giá, tổng kết, sơ kết, kiểm tra, giám sát, vận động,
tuyên truyền, xây dựng, chăm lo, cần, phải, rất, đều, nhiều, ít, hơn, gần, khoảng, tổng số, lượt, người,
đồng chí, ông, bà, chị, anh, nhân dịp, dịp, thăm, tới, dự, tiến hành, thông qua, bầu, kỷ niệm, mời,
giới thiệu, báo cáo, trình bày, đóng góp, góp phần, vinh dự, trân trọng, tích cực, chủ động, kịp thời,
nghiêm túc, đặc biệt, ở, ủng hộ, cam kết, đề xuất, kêu gọi, khen thưởng, công nhận, tổ chức thành công, ngay, lại, rồi, vì, nếu, nay, còn, chỉ, đi, hết, cả, luôn luôn, đồng thời, tổ
""")

# Administrative levels: "tỉnh Quảng Ninh", "thành phố Đà Nẵng", "huyện Kim Sơn".
LOCATION_PREFIXES = ["tỉnh", "thành phố", "TP", "TP.", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn",
                     "Tỉnh", "Thành phố", "Huyện", "Quận", "Thị xã", "Xã", "Phường", "Thị trấn", "ấp", "thôn",
                     "bản", "tp", "Tp"]
# Streets are named after people: "đường Trần Phú", "phố Lê Duẩn" are places, not persons. (Only in lower
# case: a capitalised "Đường" may open a sentence about a person.) So are stations, passes, rivers and
# mountains: "trạm Bạch Mã", "đèo Lò Xo", "sông Hoàng Long", "núi Hàm Rồng".
STREET_PREFIXES = ["đường", "phố", "trạm", "đèo", "sông", "núi"]

# --- places -----------------------------------------------------------------------------------

# The 63 provinces and centrally-run cities (before the 2025 merger; the merged 34 keep these names),
# plus a few places the genre names bare.
PROVINCES = [
    "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hà Giang", "Cao Bằng", "Bắc Kạn",
    "Tuyên Quang", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La", "Yên Bái", "Hòa Bình", "Thái Nguyên",
    "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hưng Yên",
    "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình",
    "Quảng Trị", "Thừa Thiên Huế", "Thừa Thiên - Huế", "Huế", "Quảng Nam", "Quảng Ngãi", "Bình Định",
    "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắc Lắc",
    "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu",
    "Bà Rịa – Vũng Tàu", "Bà Rịa", "Vũng Tàu", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long",
    "Đồng Tháp", "An Giang", "Kiên Giang", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau", "Việt Nam",
    "Sài Gòn", "Tây Nguyên", "Đồng bằng sông Cửu Long", "Đồng bằng sông Hồng", "Tây Nam Bộ", "Đông Nam Bộ",
    "Tây Bắc", "Đông Bắc", "Bắc Trung Bộ", "Nam Trung Bộ", "Bắc Bộ", "Trung Bộ", "Nam Bộ", "Nha Trang", "Đà Lạt", "Hạ Long", "Phú Quốc",
    "Thái Lan", "Lào", "Campuchia", "Trung Quốc", "Nhật Bản", "Hàn Quốc",
    # Island groups and islands named bare ("ngư trường Hoàng Sa"): they read like a surname and a name.
    "Hoàng Sa", "Trường Sa", "Côn Đảo", "Lý Sơn", "Cô Tô", "Bạch Long Vĩ", "Cát Bà", "Phú Quý", "Thổ Chu",
]

# The sexagenary (can-chi) year names: a heavenly stem and an earthly branch, "Giáp Thìn", "Quý Mão".
# Some stems are family names too (Đinh, Canh, Bính): only a stem directly followed by a branch is a year.
CAN_CHI_STEMS = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"]
CAN_CHI_BRANCHES = ["Tý", "Sửu", "Dần", "Mão", "Mẹo", "Thìn", "Tỵ", "Tị", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"]

# Words before a quotation that make it a title (of a film, song, programme, contest…), not speech:
# the capitalised words inside are the title's, not a person's.
TITLE_HEADS = [
    "phim", "bộ phim", "ca khúc", "bài hát", "chương trình", "cuộc thi", "hội thi", "vở", "vở diễn",
    "tác phẩm", "cuốn sách", "sách", "album", "tiết mục", "giải", "phong trào", "chủ đề", "khẩu hiệu",
    "trò chơi", "gameshow", "show", "dự án", "ứng dụng", "tiểu thuyết", "truyện", "bài thơ", "chuyên mục",
    "tên gọi", "mô hình", "đề án", "triển lãm", "MV", "phóng sự", "đêm nhạc", "liveshow", "game",
]

# --- abbreviations ----------------------------------------------------------------------------

# Common abbreviations of the genre and their usual expansion (used when the article does not define them).
ABBREVIATIONS = {
    "LĐLĐ": "Liên đoàn Lao động",
    "TLĐ": "Tổng Liên đoàn",
    "TLĐLĐVN": "Tổng Liên đoàn Lao động Việt Nam",
    "CĐCS": "Công đoàn cơ sở",
    "CĐVC": "Công đoàn Viên chức",
    "CĐ": "Công đoàn",
    "CĐN": "Công đoàn ngành",
    "NLĐ": "người lao động",
    "NSDLĐ": "người sử dụng lao động",
    "CNLĐ": "công nhân lao động",
    "CNVC": "công nhân viên chức",
    "CNVCLĐ": "công nhân, viên chức, lao động",
    "CBCC": "cán bộ, công chức",
    "CBCCVC": "cán bộ, công chức, viên chức",
    "CBCCVCLĐ": "cán bộ, công chức, viên chức, lao động",
    "CCVC": "công chức, viên chức",
    "CCVCLĐ": "công chức, viên chức, lao động",
    "CBCNV": "cán bộ công nhân viên",
    "CBCNVC": "cán bộ công nhân viên chức",
    "CBCĐ": "cán bộ công đoàn",
    "ĐVCĐ": "đoàn viên công đoàn",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "VKSND": "Viện kiểm sát nhân dân",
    "VKSNDTC": "Viện kiểm sát nhân dân tối cao",
    "TAND": "Tòa án nhân dân",
    "TANDTC": "Tòa án nhân dân tối cao",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "UBKT": "Ủy ban Kiểm tra",
    "KCN": "Khu công nghiệp",
    "KCX": "Khu chế xuất",
    "KKT": "Khu kinh tế",
    "CCN": "Cụm công nghiệp",
    "TNHH": "trách nhiệm hữu hạn",
    "MTV": "một thành viên",
    "HĐQT": "Hội đồng quản trị",
    "TP": "thành phố",
    "TX": "thị xã",
    "TT": "thị trấn",
    "ATVSLĐ": "an toàn, vệ sinh lao động",
    "ATLĐ": "an toàn lao động",
    "VSLĐ": "vệ sinh lao động",
    "TNLĐ": "tai nạn lao động",
    "BHXH": "bảo hiểm xã hội",
    "BHYT": "bảo hiểm y tế",
    "BHTN": "bảo hiểm thất nghiệp",
    "TƯLĐTT": "thỏa ước lao động tập thể",
    "TULĐTT": "thỏa ước lao động tập thể",
    "QCDC": "quy chế dân chủ",
    "QHLĐ": "quan hệ lao động",
    "ĐTN": "Đoàn Thanh niên",
    "ĐTNCS": "Đoàn Thanh niên Cộng sản",
    "TNCS": "Thanh niên Cộng sản",
    "HLHPN": "Hội Liên hiệp Phụ nữ",
    "LHPN": "Liên hiệp Phụ nữ",
    "HCCB": "Hội Cựu chiến binh",
    "CCB": "cựu chiến binh",
    "THPT": "trung học phổ thông",
    "THCS": "trung học cơ sở",
    "TH": "tiểu học",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "GDĐT": "Giáo dục và Đào tạo",
    "LĐTBXH": "Lao động – Thương binh và Xã hội",
    "LĐ-TB&XH": "Lao động – Thương binh và Xã hội",
    "TW": "Trung ương",
    "TƯ": "Trung ương",
    "ĐBQH": "đại biểu Quốc hội",
    "CNH": "công nghiệp hóa",
    "HĐH": "hiện đại hóa",
    "DN": "doanh nghiệp",
    "DNNN": "doanh nghiệp nhà nước",
    "CP": "cổ phần",
    "CTCP": "công ty cổ phần",
    "PCCC": "phòng cháy, chữa cháy",
    "TDTT": "thể dục thể thao",
    "VHVN": "văn hóa văn nghệ",
    "VH-TT": "văn hóa – thể thao",
    "TGPL": "trợ giúp pháp lý",
    "CĐV": "công đoàn viên",
    "ĐV": "đoàn viên",
    "CNVCLĐVN": "công nhân, viên chức, lao động Việt Nam",
    "KT-XH": "kinh tế – xã hội",
    "KTXH": "kinh tế – xã hội",
    "ĐH": "Đại hội",
    "ĐHCĐ": "Đại hội Công đoàn",
    "BCĐ": "Ban Chỉ đạo",
    "QĐ": "quyết định",
    "NQ": "nghị quyết",
    "CT": "chỉ thị",
    "KH": "kế hoạch",
    "VN": "Việt Nam",
    "VNĐ": "Việt Nam đồng",
    "CBCNVLĐ": "cán bộ, công nhân viên, lao động",
    # General news (used without a definition: a news site assumes its readers know them).
    "TP.HCM": "Thành phố Hồ Chí Minh",
    "TPHCM": "Thành phố Hồ Chí Minh",
    "HCM": "Hồ Chí Minh",
    "HLV": "huấn luyện viên",
    "VĐV": "vận động viên",
    "CLB": "câu lạc bộ",
    "ĐTQG": "đội tuyển quốc gia",
    "TTXVN": "Thông tấn xã Việt Nam",
    "CSGT": "cảnh sát giao thông",
    "CAND": "Công an nhân dân",
    "QĐND": "Quân đội nhân dân",
    "BĐBP": "Bộ đội Biên phòng",
    "ATGT": "an toàn giao thông",
    "GTVT": "giao thông vận tải",
    "NHNN": "Ngân hàng Nhà nước",
    "TMCP": "thương mại cổ phần",
    "HTX": "hợp tác xã",
    "CNTT": "công nghệ thông tin",
    "BĐS": "bất động sản",
    "ĐBSCL": "Đồng bằng sông Cửu Long",
    "BTC": "Ban Tổ chức",
    "PV": "phóng viên",
    "GS": "giáo sư",
    "PGS": "phó giáo sư",
    "TS": "tiến sĩ",
    "PGS.TS": "phó giáo sư, tiến sĩ",
    "BS": "bác sĩ",
    "TS.BS": "tiến sĩ, bác sĩ",
    # Court, health and economy news.
    "SN": "sinh năm",
    "HĐXX": "Hội đồng xét xử",
    "GRDP": "tổng sản phẩm trên địa bàn",
    "USD": "đô la Mỹ",
    "GS.TS": "giáo sư, tiến sĩ",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "TT&TT": "Thông tin và Truyền thông",
    "KH&CN": "Khoa học và Công nghệ",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "TN&MT": "Tài nguyên và Môi trường",
    "VH-TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    # Titles, bodies and terms that general news uses without a definition.
    "ThS": "thạc sĩ",
    "NSND": "Nghệ sĩ Nhân dân",
    "NSƯT": "Nghệ sĩ Ưu tú",
    "NGND": "Nhà giáo Nhân dân",
    "NGƯT": "Nhà giáo Ưu tú",
    "AHLĐ": "Anh hùng Lao động",
    "ĐVTN": "đoàn viên thanh niên",
    "BHLĐ": "bảo hộ lao động",
    "SXKD": "sản xuất kinh doanh",
    "KHCN": "khoa học và công nghệ",
    "KH&ĐT": "Kế hoạch và Đầu tư",
    "NXB": "Nhà xuất bản",
    "HND": "Hội Nông dân",
    "GDP": "tổng sản phẩm trong nước",
    "FDI": "đầu tư trực tiếp nước ngoài",
    "OCOP": "Chương trình Mỗi xã một sản phẩm",
    "WTO": "Tổ chức Thương mại Thế giới",
    "WHO": "Tổ chức Y tế Thế giới",
    "ASEAN": "Hiệp hội các quốc gia Đông Nam Á",
    "EU": "Liên minh châu Âu",
    "FIFA": "Liên đoàn Bóng đá quốc tế",
    "AFF": "Liên đoàn Bóng đá Đông Nam Á",
    "VFF": "Liên đoàn Bóng đá Việt Nam",
    "VTV": "Đài Truyền hình Việt Nam",
    "VOV": "Đài Tiếng nói Việt Nam",
    "EVN": "Tập đoàn Điện lực Việt Nam",
}

# Legal forms inside company names ("Công ty TNHH …"): part of the name, not abbreviations to explain.
COMPANY_LEGAL_FORMS = ["TNHH", "MTV", "CP", "CTCP", "JSC"]

# Abbreviations that stand for an organisation, used to expand organisation values.
ORG_ABBREVIATIONS = [
    "LĐLĐ", "TLĐ", "TLĐLĐVN", "CĐCS", "CĐVC", "CĐ", "CĐN", "UBND", "HĐND", "MTTQ", "UBMTTQ", "VKSND",
    "VKSNDTC", "TAND", "TANDTC", "BCH", "BTV", "UBKT", "KCN", "KCX", "KKT", "CCN", "HĐQT", "ĐTN",
    "ĐTNCS", "HLHPN", "HCCB", "BHXH", "BCĐ",
]
# Abbreviations that open an organisation the way a head word does ("LĐLĐ tỉnh", "UBND huyện").
ORG_ABBREVIATION_HEADS = [
    "LĐLĐ", "TLĐ", "TLĐLĐVN", "CĐCS", "CĐVC", "CĐN", "UBND", "HĐND", "MTTQ", "UBMTTQ", "VKSND", "VKSNDTC",
    "TAND", "TANDTC", "BCH", "BTV", "UBKT", "KCN", "KCX", "KKT", "CCN", "ĐTN", "HLHPN", "HCCB", "BHXH",
    "HĐQT",
]

"""Short news articles (1–4 KB) for the ``facts`` speed case: mostly general news, some union news.

Written for this benchmark (not taken from the seeds or any set that judges extraction): sport,
business, technology, city news and about one in ten union reports, each a title and a few paragraphs
recombined from the sentences below with generated names, numbers and dates, and no published date
(as in a crawl of one year of a news site).

    python benchmarks/short_news.py --articles 1000      # writes benchmarks/.cache/short-news-1000-1/
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Đinh", "Trịnh", "Lương", "Kiều"]
MIDDLES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Bảo", "Thu", "Gia", "Khánh"]
GIVEN = ["Bách", "Cẩm", "Diệp", "Định", "Hào", "Kha", "Lực", "Nghĩa", "Oanh", "Quyên", "Sương", "Tài", "Uyên", "Vỹ"]
FOREIGN = ["Kim Tae-hoon", "Choi Min-jae", "John Carter", "Anna Schmidt", "Pierre Dubois", "Sato Kenji"]
PROVINCES = ["Hà Nội", "Đà Nẵng", "Cần Thơ", "Nghệ An", "Khánh Hòa", "Bình Dương", "Quảng Ninh", "Lâm Đồng", "An Giang"]
CLUBS = ["CLB Sông Lam Nghệ An", "CLB Hải Phòng", "CLB Thanh Hóa", "CLB Bình Định", "CLB Hà Nội"]
COMPANIES = ["Công ty CP Thép Phương Nam", "Tập đoàn Điện tử Sao Mai", "Ngân hàng TMCP Đông Hải", "Công ty TNHH Giày Hưng Phát"]
FILMS = ["Mùa hoa trên núi", "Người giữ đèn biển", "Chuyến tàu cuối năm", "Bến đợi"]
CAN_CHI = ["Giáp Thìn", "Ất Tỵ", "Bính Ngọ", "Đinh Mùi", "Mậu Thân", "Canh Tý", "Tân Sửu", "Nhâm Dần"]

TITLES = [
    "{club} thắng ngược trên sân khách ở vòng {n2}",
    "Giá thép tăng {n1}% trong quý đầu năm",
    "{company} ra mắt điện thoại màn hình gập",
    "{province}: khai mạc liên hoan phim ngắn",
    "Công đoàn {company} tổ chức hội nghị người lao động",
    "Ngân hàng giảm lãi suất cho vay mua nhà",
    "Hàng nghìn người xếp hàng mua vé xem chung kết",
]

GENERAL = [
    "Chiều {d}/{m}, trên sân vận động {province}, {club} đã có trận thắng {n1}-{n2} trước đội khách.",
    "Huấn luyện viên {foreign} cho biết đội bóng sẽ tập trung vào lượt trận tiếp theo vào ngày {d2}/{m}.",
    "HLV {person} nhận định các cầu thủ trẻ đã thi đấu tự tin sau {n2} vòng đấu.",
    "Theo kế hoạch, đến năm 2030 tỉnh {province} sẽ có {n3} doanh nghiệp công nghệ số, tầm nhìn đến năm 2045.",
    "Trong giai đoạn 2021–2025, thành phố đặt mục tiêu tăng trưởng bình quân {n1}% mỗi năm.",
    "Chiếc máy tính bảng mới có màn hình độ phân giải 2560 x 1600 điểm ảnh, pin {n4} mAh.",
    "Điện thoại dùng camera chính 50 MP, quay video 3840 x 2160 và có giá bán {n1} triệu đồng.",
    "Khách hàng cần hỗ trợ có thể gọi tổng đài 1900 {n4} hoặc đường dây nóng 1800 {n4}.",
    "Mẫu xe mã hiệu XR-{n4} sẽ được bán ra từ ngày {d}/{m}, sớm hơn dự kiến {n2} tuần.",
    "Bộ phim “{film}” của đạo diễn {person} sẽ ra rạp vào dịp Tết {canchi}.",
    "Ca khúc “{film}” được khán giả yêu thích trong chương trình “Gala {province}” tối {d}/{m}.",
    "Năm {canchi}, nhiều gia đình ở {province} chuẩn bị mâm cỗ sớm hơn mọi năm.",
    "Ông {foreign}, Tổng giám đốc {company}, cho biết doanh thu năm nay đạt {n3} tỷ đồng.",
    "Giá vàng sáng {d}/{m} tăng thêm {n2}0.000 đồng mỗi lượng so với phiên trước.",
    "Sở Giao thông vận tải {province} điều chỉnh {n2} tuyến xe buýt từ ngày {d2}/{m}.",
    "Tại TP.HCM, lượng khách tham quan dịp lễ tăng {n1}% so với cùng kỳ.",
    "Theo UBND tỉnh {province}, {n3} hộ dân đã được hỗ trợ sửa nhà sau bão.",
    "Các học sinh THPT được miễn học phí trong học kỳ II theo quyết định của HĐND tỉnh.",
    "Ngư dân {province} vẫn bám biển ở vùng biển Hoàng Sa, Trường Sa dịp đầu năm.",
    "Sáng {d}/{m}, CSGT {province} đã xử phạt {n3} trường hợp vi phạm nồng độ cồn.",
    "Cửa hàng mở “gian hàng 0 đồng” cho người lao động có hoàn cảnh khó khăn.",
    "Bà {person}, Giám đốc chi nhánh, cho biết {n3} khách hàng đã đăng ký vay trong tháng {m}.",
]

# Prose without figures: most sentences of real news say what happened and why, with no number in them.
PROSE = [
    "Nhiều ý kiến cho rằng cần có giải pháp đồng bộ để tháo gỡ khó khăn cho doanh nghiệp trong thời gian tới.",
    "Người dân địa phương bày tỏ vui mừng khi con đường mới được đưa vào sử dụng trước mùa mưa.",
    "Các chuyên gia khuyến cáo người tiêu dùng nên cân nhắc kỹ trước khi quyết định mua sắm dịp cuối năm.",
    "Trận đấu diễn ra sôi nổi ngay từ những phút đầu với nhiều pha tấn công hấp dẫn của cả hai đội.",
    "Ban tổ chức cho biết chương trình năm nay có nhiều điểm mới nhằm thu hút đông đảo khán giả trẻ.",
    "Theo nhận định của giới phân tích, thị trường sẽ còn biến động trong ngắn hạn do ảnh hưởng của lãi suất.",
    "Lực lượng chức năng đã có mặt kịp thời để phân luồng giao thông và hỗ trợ người dân qua khu vực ngập.",
    "Sản phẩm được đánh giá cao nhờ thiết kế gọn nhẹ, thời lượng pin tốt và giá bán phù hợp với số đông.",
    "Nhiều gia đình tranh thủ ngày nghỉ cuối tuần để đưa con em đi vui chơi, tham quan các điểm du lịch.",
    "Đại diện nhà trường cho biết sẽ tiếp tục phối hợp với phụ huynh để chăm lo tốt hơn cho học sinh.",
    "Cơ quan chức năng đang khẩn trương điều tra làm rõ nguyên nhân vụ việc và sẽ xử lý nghiêm sai phạm.",
    "Đội bóng đang có chuỗi trận thăng hoa và được kỳ vọng sẽ cạnh tranh cho ngôi vô địch mùa này.",
]

UNION = [
    "Sáng {d}/{m}, Công đoàn {company} tổ chức Hội nghị người lao động năm 2024.",
    "Dự hội nghị có đồng chí {person}, Phó Chủ tịch LĐLĐ tỉnh {province}; ông {person2}, Giám đốc công ty.",
    "Năm qua, công đoàn đã kết nạp {n3} đoàn viên, nâng tổng số đoàn viên lên {n4} người.",
    "Dịp này, Công đoàn trao {n2}0 suất quà, mỗi suất trị giá 1 triệu đồng, cho CNVCLĐ có hoàn cảnh khó khăn.",
    "Hai bên đã ký kết thỏa ước lao động tập thể với nhiều điều khoản có lợi hơn cho NLĐ.",
]


def _fill(template: str, rng: random.Random) -> str:
    def person() -> str:
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"

    day, month = rng.randint(1, 28), rng.randint(1, 12)
    return template.format(
        d=day, d2=min(28, day + rng.randint(1, 9)), m=month,
        n1=rng.randint(2, 9), n2=rng.randint(2, 19), n3=rng.randint(20, 900), n4=rng.randint(1000, 9999),
        person=person(), person2=person(), foreign=rng.choice(FOREIGN), province=rng.choice(PROVINCES),
        club=rng.choice(CLUBS), company=rng.choice(COMPANIES), film=rng.choice(FILMS), canchi=rng.choice(CAN_CHI),
    )


def article(rng: random.Random) -> str:
    """One article of 1–4 KB: a title, paragraphs of 2–4 sentences, a byline."""
    union = rng.random() < 0.1
    pool = (UNION + GENERAL[:6] if union else GENERAL) + PROSE * 2  # about half the sentences are prose
    target = rng.randint(1000, 4000)
    parts = [_fill(rng.choice(TITLES), rng), ""]
    size = len(parts[0].encode())
    while size < target:
        paragraph = " ".join(_fill(rng.choice(pool), rng) for _ in range(rng.randint(2, 4)))
        parts.extend([paragraph, ""])
        size += len(paragraph.encode()) + 2
    parts.append(f"{rng.choice(GIVEN)} {rng.choice(GIVEN)}")
    return "\n".join(parts) + "\n"


def write_short_news(count: int, seed: int = 1) -> Path:
    """Write ``count`` articles once to benchmarks/.cache/short-news-COUNT-SEED/ and return the folder."""
    folder = CACHE / f"short-news-{count}-{seed}"
    if folder.is_dir() and len(list(folder.glob("*.txt"))) == count:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for i in range(count):
        (folder / f"news-{i:05d}.txt").write_text(article(rng), encoding="utf-8")
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(write_short_news(args.articles, args.seed))


if __name__ == "__main__":
    main()

/**
 * The /demo page: a stand-in for a ward's e-portal (header, menu, news, footer) that embeds the
 * widget snippet exactly as a portal would. It is served under a strict Content-Security-Policy,
 * so opening it proves the widget needs no inline script or style.
 */
import { esc } from '../../bot/http/html.ts';
import type { WardProfile } from '../../knowledge/schema.ts';

/** The policy /demo is served with: the strictest a government portal is likely to run. */
export const DEMO_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

const NEWS: Array<{ date: string; title: string; lead: string }> = [
  { date: '12/05/2025', title: 'Hướng dẫn đăng ký thường trú, tạm trú trực tuyến trên ứng dụng VNeID', lead: 'Người dân có thể nộp hồ sơ cư trú tại nhà, theo dõi kết quả trên điện thoại mà không cần đến trụ sở.' },
  { date: '05/05/2025', title: 'Lịch tiếp công dân và giải quyết thủ tục hành chính tháng 5', lead: 'Trung tâm Phục vụ hành chính công làm việc cả sáng Thứ Bảy để hỗ trợ người dân.' },
  { date: '28/04/2025', title: 'Cấp thẻ căn cước cho trẻ em dưới 14 tuổi: những điều cha mẹ cần biết', lead: 'Thủ tục, giấy tờ cần mang theo và thời gian nhận thẻ.' },
  { date: '20/04/2025', title: 'Ra mắt trợ lý ảo hỏi đáp thủ tục hành chính', lead: 'Bấm nút “Hỏi đáp thủ tục” ở góc phải màn hình để được hướng dẫn 24/7.' },
];

/** Renders the demo portal page; every dynamic value is escaped. */
export function renderDemoPage(ward: WardProfile): string {
  const tel = ward.hotline.replace(/[^\d+]/g, '');
  const news = NEWS.map(
    (n) => `<li class="news-item"><p class="news-date">${esc(n.date)}</p><h3><a href="#">${esc(n.title)}</a></h3><p>${esc(n.lead)}</p></li>`,
  ).join('\n');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cổng thông tin điện tử ${esc(ward.name)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/demo.css">
</head>
<body>
<div class="topbar"><div class="wrap">Cộng hoà xã hội chủ nghĩa Việt Nam — Độc lập – Tự do – Hạnh phúc</div></div>
<header class="site-header">
  <div class="wrap brand">
    <span class="emblem" aria-hidden="true"></span>
    <div>
      <p class="brand-sub">Cổng thông tin điện tử</p>
      <h1>${esc(ward.name)}</h1>
      <p class="brand-sub">${esc(ward.province)}</p>
    </div>
  </div>
  <nav class="menu" aria-label="Menu chính"><div class="wrap">
    <a href="#" aria-current="page">Trang chủ</a><a href="#">Giới thiệu</a><a href="#">Tin tức – Sự kiện</a><a href="#">Thủ tục hành chính</a><a href="#">Văn bản</a><a href="#">Liên hệ</a>
  </div></nav>
</header>
<main class="wrap layout">
  <section class="news" aria-labelledby="news-title">
    <h2 id="news-title">Tin tức – Thông báo</h2>
    <ul class="news-list">
${news}
    </ul>
  </section>
  <aside class="side">
    <h2>Dịch vụ công</h2>
    <p><a class="side-link" href="${esc(ward.onlinePortalUrl)}" target="_blank" rel="noopener noreferrer">Nộp hồ sơ trực tuyến</a></p>
    <p>Đường dây nóng: <a href="tel:${esc(tel)}">${esc(ward.hotline)}</a></p>
    <p class="small">${esc(ward.officeHours)}</p>
    <form class="search" role="search" action="#"><label for="q">Tìm kiếm</label><input id="q" type="search" placeholder="Nhập từ khoá"><button type="submit">Tìm</button></form>
  </aside>
</main>
<footer class="site-footer"><div class="wrap">
  <p><strong>${esc(ward.centreName)}</strong></p>
  <p>Địa chỉ: ${esc(ward.address)}</p>
  <p>Điện thoại: ${esc(ward.hotline)}${ward.email ? ` · Thư điện tử: ${esc(ward.email)}` : ''}</p>
  <p class="small">Trang minh hoạ của SmartBot: trợ lý ảo được nhúng bằng một thẻ &lt;script&gt;, chạy dưới chính sách bảo mật nội dung (CSP) nghiêm ngặt.</p>
</div></footer>
<script src="/widget.js" data-ward-name="${esc(ward.name)}" data-primary-color="#a51c1c" data-position="right" data-greeting="Xin chào! Tôi là trợ lý ảo của ${esc(ward.name)}. Bạn cần hỏi thủ tục nào? Bạn có thể gõ có dấu hoặc không dấu." async></script>
</body>
</html>
`;
}

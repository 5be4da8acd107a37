// Package simweb is an in-repo simulated web: deterministic, generated
// websites of fictional Vietnamese education units in the styles of the
// CMSes real unit sites use, each with its own ground truth, served on
// loopback. It feeds the crawler's accuracy tests, `sitewatch demo`,
// end-to-end tests and benchmarks of thousands of sites.
//
// Generate builds sites from Options (same seed, same bytes); Start serves
// each on its own 127.0.0.1 port (crawler politeness is per host); Site.Truth
// and TruthJSON give what a perfect crawler would report; Web.SitesYAML
// writes a matching sites.yaml. Pages are rendered on request from a
// compact model, so thousands of sites fit in memory. Every 200 answer has
// an ETag and a Last-Modified and conditional GETs get 304; bodies are
// gzipped when asked; the Date header is the site's fixed Now. AddPost,
// RemovePost, RemoveAllPosts and Redate change a site at run time, and
// SetFault makes it down, slow or failing.
//
// # What counts
//
// A post is a news item or announcement of the unit. Menu pages (Giới
// thiệu, Liên hệ, Cơ cấu tổ chức, Công khai, Tuyển sinh, Lịch công tác …),
// documents (Văn bản, PDFs), albums, category, tag and archive pages and
// feeds are not posts. The publication date is the one shown to readers or
// declared by the page, in Asia/Ho_Chi_Minh; not an update date, not a
// comment date, not the date of the event the text describes. Images are
// the content images of the post, the featured image included; captions
// and alt texts follow the rules on TruthPost.
//
// # Traps by style
//
// Every site: a pinned or featured old post (older than the window), two
// posts just older than the window, posts at 23:50 on the last day of a
// month and 00:10 on the first, a post a few hours old and one from
// yesterday (relative dates "3 giờ trước", "hôm qua" on some listings),
// several posts on the same day, updates later than publication (some in a
// later month), dd/mm dates with day ≤ 12, posts in two categories, leads
// that name the event day (sometimes in the previous month), notices that
// name future deadlines, a "Tin mới nhất" block on every page, sidebar
// thumbnails, logos, banners, 16px icons, pasted Facebook emoji, documents
// with their own dates, a Lịch công tác page full of dates, and a legal
// footer ("Chịu trách nhiệm", address, phone, e-mail) with parts missing on
// some sites.
//
//   - nukeviet: see type nukeviet (rewrite URLs, /index.php aliases,
//     malformed article:published_time, GMT RSS with the month in the
//     minutes on some sites, centred <em> captions).
//   - wordpress: see type wordpress (sticky post, 10-item feed, sitemap
//     lastmod = modified, UTC og times, wp-caption, gallery, emoji, lazy
//     images with <noscript> copies, comments with dates, utm links).
//   - joomla: see type joomla (SEF URLs, ?start=N, Ngày tạo vs Ngày đăng,
//     featured home, no sitemap).
//   - portal: see type portal (query-string URLs in several spellings,
//     update date in listings, event date in the lead, 302 root, dead RSS,
//     table.image captions, hidden print copy).
//   - blogger: see type blogger (shared date headers, abbr.published,
//     Atom, robots-disallowed /search, ?m=1 copies, /p/ pages, tr-caption).
//   - static: see type static (text-only dates, no feed or sitemap,
//     windows-1258 or a wrong charset declaration).
package simweb

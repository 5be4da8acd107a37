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
//
// # The custom style: a web that word lists cannot pass
//
// StyleCustom (not in AllStyles; DiscoveryStyles returns it) draws each
// site's whole layout from its seed, so that only a crawler that learns a
// site's URL templates and page types from the site itself passes it:
//
//   - URL scheme: one of AllSchemes (path slugs with or without ids and
//     extensions, upper-case slugs, dates in paths, ids only in the query
//     under /, index.php, default.aspx, News.aspx, ?mod=, com_content,
//     DotNetNuke /tabid/N/, Drupal /node/N with aliases). Menu pages
//     (Giới thiệu, Liên hệ, Văn bản, Lịch công tác, Thư viện ảnh, Tuyển
//     sinh, Công khai), documents, albums and category listings use the
//     same scheme as posts.
//   - Listings: dated rows in several formats, cards with thumbnails,
//     numbered or plain title lists; a news hub whose rows carry no dates;
//     four to seven categories, one of them maybe only on the home page;
//     a deep history of posts older than the window.
//   - Where the date is: on the post page, only on listing rows (truth
//     date = listing date), or only in the URL.
//   - Pagination: query (&page=2, ?paged=2, &start=20, Drupal's
//     zero-based ?page=1), path (/page/2, /trang-2.html, op=cat/page-2),
//     numbered links, a "Xem tiếp" / "Trang sau" / "»" link, rel=next
//     only, or a JS pager (__doPostBack, onclick) whose pages are not
//     GET-reachable, with month archives as the GET way in.
//   - Feeds on some sites, a sitemap (posts and pages mixed) on others;
//     English translations under /en/ or ?lang=en on some
//     (TruthPost.Translations: the same post, never another); session
//     parameters (sid, PHPSESSID, ASP.NET cookieless /(S(…))/) that vary
//     from page to page; secondary-category, node-path, lower-case and
//     id-without-slug spellings of the same page.
//
// SiteTruth.Layout names what a site drew, SiteTruth.Pages lists its
// non-post pages. Score compares a crawler's report of a site with its
// truth by the definitions of the project's corpus scorer, and
// RunDiscovery generates, serves, crawls and scores many seeds.
package simweb

package service

import (
	"context"
	"fmt"
	"net/http"

	"golang.org/x/crypto/bcrypt"

	"sitewatch/config"
	"sitewatch/crawler"
	"sitewatch/export"
	"sitewatch/store"
	"sitewatch/web"
)

// mountPages routes the status pages of web on mux, with the protection
// each route needs:
//
//   - the pages, the export and everything else follow settings.auth: open
//     without users, behind basic authentication with them;
//   - GET and POST /unit/{id}/claim are always open, so that a unit can send
//     a claim without an office password (a claim changes nothing until the
//     office approves it);
//   - POST /unit/{id}/override and /claims/{id}/decide always need a valid
//     user; without users in settings.auth web answers 403, never acting
//     anonymously.
//
// The user whose password was checked reaches web through web.WithUser.
func (s *Service) mountPages(mux *http.ServeMux, cfg *config.Config) {
	pages := web.New(web.Options{
		Config: cfg, Store: s.o.Store, Now: s.o.Now, Logger: s.o.Logger,
		Evaluations: s,
		PrepareReport: func(ctx context.Context, r *export.Report) error {
			lines, err := export.AuditLines(ctx, s.o.Store, cfg.Location)
			if err != nil {
				return err
			}
			r.Overrides = lines
			return nil
		},
		InspectClaim: s.claimInspector(cfg),
	}).Handler()
	var users map[string]string
	if cfg.Settings.Auth != nil {
		users = cfg.Settings.Auth.Users
	}
	protected := pages
	if len(users) > 0 {
		protected = s.requireUser(users, pages)
	}
	mux.Handle("/", protected)
	mux.Handle("GET /unit/{id}/claim", pages)
	mux.Handle("POST /unit/{id}/claim", pages)
	mux.Handle("POST /unit/{id}/override", protected)
	mux.Handle("POST /claims/{id}/decide", protected)
}

// requireUser answers 401 with a Basic challenge unless the request carries
// the password of one of users (bcrypt hashes); the user's name is passed on
// with web.WithUser.
func (s *Service) requireUser(users map[string]string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := checkUser(users, r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Basic realm="sitewatch", charset="UTF-8"`)
			http.Error(w, "Cần đăng nhập", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(web.WithUser(r.Context(), name)))
	})
}

// checkUser checks the basic-authentication credentials of r against users
// and returns the user's name.
func checkUser(users map[string]string, r *http.Request) (string, bool) {
	u, p, ok := r.BasicAuth()
	hash, known := users[u]
	if !ok || !known {
		// Spend the time of a comparison anyway, so that an unknown user
		// answers as slowly as a wrong password.
		for _, h := range users {
			_ = bcrypt.CompareHashAndPassword([]byte(h), []byte(p))
			break
		}
		return "", false
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(p)) != nil {
		return "", false
	}
	return u, true
}

// claimInspector returns web's InspectClaim: it fetches a claimed URL with
// the crawler's settings and says what the page holds. Loopback and private
// addresses are reachable only when the registry allows them (for the unit
// or for all) and the URL is on the unit's own site, so that the open claim
// form cannot be used to probe the network.
func (s *Service) claimInspector(cfg *config.Config) func(ctx context.Context, unitID, raw string) (store.Post, error) {
	return func(ctx context.Context, unitID, raw string) (store.Post, error) {
		u := cfg.Unit(unitID)
		if u == nil {
			return store.Post{}, fmt.Errorf("service: no unit %q", unitID)
		}
		opts := crawler.FromConfig(cfg, s.o.Now, s.o.Logger)
		opts.AllowPrivateNetwork = (opts.AllowPrivateNetwork || u.AllowPrivateNetwork) && crawler.SameSiteURL(u.URL, raw)
		p, err := crawler.NewInspector(opts).URL(ctx, raw)
		if err != nil {
			return store.Post{}, err
		}
		canon := p.Canonical
		if canon == "" {
			canon = raw
		}
		post := store.Post{
			UnitID: u.ID, URL: crawler.Canonical(canon), Title: p.Title, Published: p.Date.Time.UTC(),
			DateSource: p.Date.Source, DateRaw: p.Date.Raw, Images: p.Images, CaptionedImages: p.CaptionedImages,
			AltImages: p.AltImages, ContentHash: p.ContentHash, BodyChars: p.BodyChars, Flags: map[string]string{},
		}
		if !p.IsPost {
			post.Flags[store.NoteNotPost] = notPostText(p.NotPost)
		}
		return post, nil
	}
}

// notPostText says in Vietnamese why the crawler did not take a page for a post.
func notPostText(why string) string {
	switch why {
	case "unparseable HTML":
		return "không đọc được mã HTML của trang"
	case "no article body":
		return "trang không có phần nội dung bài viết"
	case "no publication date":
		return "không thấy ngày đăng"
	case "listing page":
		return "trang danh sách tin, không phải một tin bài"
	case "":
		return "trang không giống một tin bài"
	}
	if len(why) > 9 && why[:9] == "document " {
		return "trang văn bản (có số ký hiệu, ngày ban hành), không phải tin bài"
	}
	return why
}

var _ web.Evaluations = (*Service)(nil)

package notify

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
)

// base64Line is the length of a base64 line in a MIME body (RFC 2045).
const base64Line = 76

// Compose writes m as an RFC 5322 message: headers encoded per RFC 2047
// (Vietnamese names and subject), a multipart/mixed body holding a
// multipart/alternative (text and HTML, UTF-8, quoted-printable) and the
// attachments (base64).
func Compose(m Message) ([]byte, error) {
	if m.From == nil || len(m.To) == 0 {
		return nil, fmt.Errorf("notify: a message needs a sender and a recipient")
	}
	var buf bytes.Buffer
	mixed := multipart.NewWriter(&buf)
	altBoundary := multipart.NewWriter(io.Discard).Boundary()
	to := make([]string, len(m.To))
	for i, a := range m.To {
		to[i] = a.String()
	}
	head := []struct{ k, v string }{
		{"From", m.From.String()},
		{"To", strings.Join(to, ", ")},
		{"Subject", mime.QEncoding.Encode("utf-8", m.Subject)},
		{"Date", m.Date.Format("Mon, 02 Jan 2006 15:04:05 -0700")},
		{"Message-ID", messageID(m.From)},
		{"MIME-Version", "1.0"},
		{"Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mixed.Boundary()})},
	}
	var hb bytes.Buffer
	for _, h := range head {
		fmt.Fprintf(&hb, "%s: %s\r\n", h.k, h.v)
	}
	hb.WriteString("\r\n")

	part, err := mixed.CreatePart(textproto.MIMEHeader{"Content-Type": {mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": altBoundary})}})
	if err != nil {
		return nil, err
	}
	alt := multipart.NewWriter(part)
	if err := alt.SetBoundary(altBoundary); err != nil {
		return nil, err
	}
	for _, body := range []struct{ typ, text string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		if body.text == "" {
			continue
		}
		w, err := alt.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {mime.FormatMediaType(body.typ, map[string]string{"charset": "utf-8"})},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(w)
		if _, err := qp.Write([]byte(crlf(body.text))); err != nil {
			return nil, err
		}
		if err := qp.Close(); err != nil {
			return nil, err
		}
	}
	if err := alt.Close(); err != nil {
		return nil, err
	}
	for _, a := range m.Attachments {
		w, err := mixed.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {mime.FormatMediaType(a.ContentType, map[string]string{"name": a.Name})},
			"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": a.Name})},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err != nil {
			return nil, err
		}
		enc := base64.StdEncoding.EncodeToString(a.Data)
		for len(enc) > base64Line {
			if _, err := fmt.Fprintf(w, "%s\r\n", enc[:base64Line]); err != nil {
				return nil, err
			}
			enc = enc[base64Line:]
		}
		if _, err := fmt.Fprintf(w, "%s\r\n", enc); err != nil {
			return nil, err
		}
	}
	if err := mixed.Close(); err != nil {
		return nil, err
	}
	return append(hb.Bytes(), buf.Bytes()...), nil
}

// crlf turns line ends into CRLF, as SMTP requires.
func crlf(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
}

// messageID is a unique Message-ID in the sender's domain.
func messageID(from *mail.Address) string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	domain := "sitewatch.local"
	if i := strings.LastIndexByte(from.Address, '@'); i >= 0 {
		domain = from.Address[i+1:]
	}
	return "<" + hex.EncodeToString(b[:]) + ".sitewatch@" + domain + ">"
}

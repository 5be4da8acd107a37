package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"sitewatch/config"
)

// SMTP delivers messages through the server of settings.notify, one
// connection per message. It is safe for concurrent use.
type SMTP struct {
	// Config is settings.notify (host, port, TLS mode, user, timeout).
	Config *config.Notify
	// Password authenticates Config.Username (AUTH PLAIN, only over TLS).
	Password string
	// TLSConfig, when set, replaces the default (the system's roots,
	// ServerName Config.Host); tests trust their own certificate with it.
	TLSConfig *tls.Config
}

// Send delivers m: connect (TLS from the first byte, or STARTTLS, or
// plain, as configured), authenticate, MAIL, RCPT for every recipient,
// DATA, QUIT. The whole exchange is bounded by Config.Timeout and ctx.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	data, err := Compose(m)
	if err != nil {
		return err
	}
	n := s.Config
	timeout := n.Timeout.D()
	if timeout <= 0 {
		timeout = config.DefaultNotifyTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", n.Addr())
	if err != nil {
		return fmt.Errorf("notify: smtp %s: %w", n.Addr(), err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl) // a net.Conn from DialContext accepts deadlines
	}
	// Cancelling ctx (shutdown) breaks a stalled exchange.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	tc := s.TLSConfig
	if tc == nil {
		tc = &tls.Config{ServerName: n.Host, MinVersion: tls.VersionTLS12}
	}
	var c *smtp.Client
	switch n.TLS {
	case config.NotifyTLS:
		c = smtp.NewClient(tls.Client(conn, tc))
	case config.NotifyNoTLS:
		c = smtp.NewClient(conn)
	default:
		if c, err = smtp.NewClientStartTLS(conn, tc); err != nil {
			return fmt.Errorf("notify: smtp %s: starttls: %w", n.Addr(), err)
		}
	}
	defer c.Close()
	if n.Username != "" {
		if !c.SupportsAuth(sasl.Plain) {
			return fmt.Errorf("notify: smtp %s: the server offers no AUTH PLAIN", n.Addr())
		}
		if err := c.Auth(sasl.NewPlainClient("", n.Username, s.Password)); err != nil {
			return fmt.Errorf("notify: smtp %s: auth: %w", n.Addr(), err)
		}
	}
	to := make([]string, len(m.To))
	for i, a := range m.To {
		to[i] = a.Address
	}
	if err := c.SendMail(m.From.Address, to, bytes.NewReader(data)); err != nil {
		return fmt.Errorf("notify: smtp %s: %w", n.Addr(), err)
	}
	if err := c.Quit(); err != nil {
		return fmt.Errorf("notify: smtp %s: quit: %w", n.Addr(), err)
	}
	return nil
}

// Wait waits for d or until ctx is done; it is the default clock of Queue.
func Wait(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

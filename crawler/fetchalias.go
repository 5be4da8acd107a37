package crawler

import "sitewatch/crawler/fetch"

// The fetch stage's types and reasons, under the names callers of the
// crawler already use.
type (
	// FetchError is a failed fetch with a short reason (fetch.Error).
	FetchError = fetch.Error
	// Response is a fetched document (fetch.Response).
	Response = fetch.Response
)

// Error reasons recorded against a unit (see package fetch).
const (
	ReasonDNS       = fetch.ReasonDNS
	ReasonRefused   = fetch.ReasonRefused
	ReasonTimeout   = fetch.ReasonTimeout
	ReasonTLS       = fetch.ReasonTLS
	ReasonReset     = fetch.ReasonReset
	ReasonHTTP4xx   = fetch.ReasonHTTP4xx
	ReasonHTTP5xx   = fetch.ReasonHTTP5xx
	ReasonRobots    = fetch.ReasonRobots
	ReasonTooLarge  = fetch.ReasonTooLarge
	ReasonRedirects = fetch.ReasonRedirects
	ReasonBlocked   = fetch.ReasonBlocked
	ReasonOther     = fetch.ReasonOther
)

// ErrBlockedAddress is wrapped by the error of a dial to an address the
// crawl may not reach (fetch.ErrBlockedAddress).
var ErrBlockedAddress = fetch.ErrBlockedAddress

// CloseIdleConnections closes the kept-alive connections of the crawler's
// HTTP clients. Call it after a crawl run, so that idle sockets do not
// linger until they time out; the Crawler stays usable.
func (c *Crawler) CloseIdleConnections() { c.f.CloseIdleConnections() }

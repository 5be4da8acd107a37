// Package discover learns, per website, what its pages are: it reads the
// links of a page with their context (anchor text, the list item or card
// around them, the date printed there, whether they sit in navigation),
// groups them by URL template (path segments and query parameter names,
// with values generalised to classes such as number, slug or slug-with-id),
// recognises pagination as variants of a listing that differ by one number,
// and keeps what it learned about each template (post, listing or other,
// decided from the fetched pages themselves, never from words in the URL)
// in a Knowledge value that the crawler stores between crawls.
//
// The package does no I/O: the crawler fetches, extraction types the pages,
// and discover decides what a link is worth.
package discover

// Package fetch is detente's HTTP client for outside input: feeds and news
// pages named by users, by feed items and by links.
//
// Everything it fetches is untrusted, so the client is safe and polite by
// construction:
//
//   - only http and https URLs;
//   - every address is checked after DNS resolution, in the dialer, on the
//     first request and on every redirect: loopback, private (RFC 1918,
//     fc00::/7), link-local, cloud metadata, unspecified, multicast, CGNAT
//     and other reserved ranges are refused unless Options.AllowPrivate is
//     set; the dialer connects to the address it checked, never to a name,
//     so a second DNS answer cannot slip past the check;
//   - bodies are limited in size counting decompressed bytes (a gzip bomb
//     stops at the limit), requests have an overall and a header timeout,
//     and a server sending slower than a minimum rate is cut off;
//   - robots.txt is fetched once per host, cached and honoured for the
//     "detente" user agent and "*"; requests to one host are spaced by a
//     per-host interval (and by the site's Crawl-delay when longer);
//   - conditional GET through Validators (ETag, Last-Modified) that the
//     caller persists; 5xx and 429 answers are retried with exponential
//     backoff and jitter, honouring Retry-After, a bounded number of times.
//
// Every error names the URL it concerns (see *Error).
//
// net/http already does HTTP/1.1 and 2, TLS, redirects and connection
// reuse well, so the client is built on it; what detente adds is policy.
// github.com/prometheus/client_golang counts requests for /metrics, in the
// format every monitoring stack reads.
package fetch

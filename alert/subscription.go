package alert

import (
	"net/url"
	"strconv"

	"github.com/detente-project/detente"
)

// maxURL bounds a webhook URL's length.
const maxURL = 2048

// CheckSubscription returns an EINVALID *Error when a subscription's pair
// is neither zero (all pairs) nor valid, or its URL is not an absolute
// http or https URL with a host and without credentials.
func CheckSubscription(s detente.Subscription) error {
	if !s.Pair.IsZero() {
		if err := s.Pair.Validate(); err != nil {
			return err
		}
	}
	if s.Secret != "" && len(s.Secret) < minSecret {
		return detente.Errorf(detente.EINVALID, "secret: at least %d characters, or none to have one made", minSecret)
	}
	_, err := parseWebhookURL(s.URL)
	return err
}

// minSecret is the shortest signing secret a subscriber may choose.
const minSecret = 16

// parseWebhookURL parses an absolute http or https URL with a host, a
// port in range when one is given, and no credentials.
func parseWebhookURL(raw string) (*url.URL, error) {
	if len(raw) > maxURL {
		return nil, detente.Errorf(detente.EINVALID, "webhook url: longer than %d bytes", maxURL)
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return nil, detente.Errorf(detente.EINVALID, "webhook url %q: %v", raw, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, detente.Errorf(detente.EINVALID, "webhook url %q: want http or https", raw)
	case u.Host == "" || u.Hostname() == "":
		return nil, detente.Errorf(detente.EINVALID, "webhook url %q: no host", raw)
	case u.User != nil:
		return nil, detente.Errorf(detente.EINVALID, "webhook url %q: credentials in the url are not accepted", raw)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return nil, detente.Errorf(detente.EINVALID, "webhook url %q: port %s is not in 1-65535", raw, p)
		}
	}
	return u, nil
}

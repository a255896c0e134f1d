package alert

import (
	"net/url"

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
	if len(s.URL) > maxURL {
		return detente.Errorf(detente.EINVALID, "webhook url: longer than %d bytes", maxURL)
	}
	u, err := url.Parse(s.URL)
	switch {
	case err != nil:
		return detente.Errorf(detente.EINVALID, "webhook url %q: %v", s.URL, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return detente.Errorf(detente.EINVALID, "webhook url %q: want http or https", s.URL)
	case u.Host == "" || u.Hostname() == "":
		return detente.Errorf(detente.EINVALID, "webhook url %q: no host", s.URL)
	case u.User != nil:
		return detente.Errorf(detente.EINVALID, "webhook url %q: credentials in the url are not accepted", s.URL)
	}
	return nil
}

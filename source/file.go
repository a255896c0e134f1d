package source

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/detente-project/detente"
	"golang.org/x/net/html/charset"
)

// readPageFile reads an .html, .htm, .html.gz or .txt file into a page.
func readPageFile(path string, max int64) (detente.Page, error) {
	f, err := os.Open(path)
	if err != nil {
		return detente.Page{}, err
	}
	defer f.Close()
	var r io.Reader = f
	k := kindOf(path)
	if k == kindHTMLGz {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return detente.Page{}, fmt.Errorf("%s: gzip: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	body, err := readLimited(r, max)
	if err != nil {
		if k == kindHTMLGz && errors.Is(err, io.ErrUnexpectedEOF) {
			return detente.Page{}, fmt.Errorf("%s: truncated gzip stream: %w", path, err)
		}
		return detente.Page{}, fmt.Errorf("%s: %w", path, err)
	}
	p := detente.Page{URL: path, Body: body, Origin: path, Offset: -1}
	if k == kindText {
		body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
		if i := invalidUTF8(body); i >= 0 {
			return detente.Page{}, fmt.Errorf("%s: invalid UTF-8 at byte %d", path, i)
		}
		p.Body, p.IsText, p.Header = body, true, "text/plain; charset=utf-8"
		return p, nil
	}
	if err := checkHTML(body, ""); err != nil {
		return detente.Page{}, fmt.Errorf("%s: %w", path, err)
	}
	p.Header = "text/html"
	return p, nil
}

// readLimited reads r to its end, failing past max bytes.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("larger than the %d-byte limit", max)
	}
	return b, nil
}

// checkHTML refuses what cannot be a web page: empty or binary content,
// and bytes that are neither UTF-8 nor in a charset the page declares.
func checkHTML(body []byte, contentType string) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return fmt.Errorf("empty page")
	}
	ct := http.DetectContentType(body)
	if !strings.HasPrefix(ct, "text/") {
		return fmt.Errorf("not an HTML page: content looks like %s", ct)
	}
	if i := invalidUTF8(body); i >= 0 {
		if !declaresCharset(body, contentType) {
			return fmt.Errorf("invalid UTF-8 at byte %d and no other charset declared", i)
		}
	}
	return nil
}

// declaresCharset reports whether the page's head declares a charset other
// than UTF-8 (a BOM, the Content-Type or a meta tag), which makes non-UTF-8 bytes legitimate.
func declaresCharset(body []byte, contentType string) bool {
	_, name, certain := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" {
		return false
	}
	head := body[:min(len(body), 1024)]
	return certain || bytes.Contains(bytes.ToLower(head), []byte("charset"))
}

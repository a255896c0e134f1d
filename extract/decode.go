package extract

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// sniffLen is how much of a page is looked at to tell text from binary.
const sniffLen = 8 << 10

// ErrBinary says a page holds bytes that no text has: an image or archive
// named like a web page.
var ErrBinary = errors.New("binary data, not text")

// boms are the byte-order marks that settle a page's encoding outright.
var boms = []struct {
	mark []byte
	enc  encoding.Encoding
}{
	{[]byte{0xEF, 0xBB, 0xBF}, unicode.UTF8BOM},
	{[]byte{0xFE, 0xFF}, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)},
	{[]byte{0xFF, 0xFE}, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)},
}

// toUTF8 returns the page's text as valid, NFC-normalised UTF-8 without
// soft hyphens, whatever its declared charset says. Declarations are often
// wrong, so the bytes decide first: valid UTF-8 is taken as UTF-8, and
// invalid UTF-8 is decoded with the declared legacy charset, or, when the
// page claims UTF-8 or nothing, repaired byte by byte as windows-1252, the
// charset such pages nearly always turn out to be in.
func toUTF8(b []byte, contentType string, isHTML bool) (string, error) {
	for _, bom := range boms {
		if bytes.HasPrefix(b, bom.mark) {
			out, err := bom.enc.NewDecoder().Bytes(b)
			if err != nil {
				return "", fmt.Errorf("decode: %w", err)
			}
			return normalize(strings.ToValidUTF8(string(out), "\uFFFD")), nil
		}
	}
	if isBinary(b) {
		return "", ErrBinary
	}
	name := declared(b, contentType, isHTML)
	if utf8.Valid(b) && name != "iso-2022-jp" {
		return normalize(string(b)), nil
	}
	if name != "" && name != "utf-8" {
		if enc, err := htmlindex.Get(name); err == nil {
			if out, err := enc.NewDecoder().Bytes(b); err == nil {
				return normalize(strings.ToValidUTF8(string(out), "\uFFFD")), nil
			}
		}
	}
	return normalize(repairUTF8(b)), nil
}

// declared returns the canonical name of the charset that the header or
// the page's own meta tag names, "" when neither names a known one.
func declared(b []byte, contentType string, isHTML bool) string {
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if name := charsetName(params["charset"]); name != "" {
			return name
		}
	}
	if !isHTML {
		return ""
	}
	head := b[:min(len(b), sniffLen)]
	i := bytes.Index(bytes.ToLower(head), []byte("charset="))
	if i < 0 {
		return ""
	}
	label := bytes.TrimLeft(head[i+len("charset="):], `"' `)
	end := bytes.IndexAny(label, `"'; />`)
	if end < 0 {
		return ""
	}
	return charsetName(string(label[:end]))
}

func charsetName(label string) string {
	if label == "" {
		return ""
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return ""
	}
	name, _ := htmlindex.Name(enc)
	return name
}

// repairUTF8 keeps every valid UTF-8 sequence and reads each stray byte as
// windows-1252.
func repairUTF8(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			r = charmap.Windows1252.DecodeByte(b[0])
		}
		sb.WriteRune(r)
		b = b[size:]
	}
	return sb.String()
}

// isBinary reports whether the start of b holds a NUL byte or many other
// control bytes, which text in any ASCII-compatible charset does not.
func isBinary(b []byte) bool {
	head := b[:min(len(b), sniffLen)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	var ctl int
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	return ctl*20 > len(head)
}

// normalize turns s into NFC and drops soft hyphens, so that the same word
// always has the same bytes.
func normalize(s string) string {
	if strings.Contains(s, "\u00AD") {
		s = strings.ReplaceAll(s, "\u00AD", "")
	}
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

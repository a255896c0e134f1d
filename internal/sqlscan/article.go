package sqlscan

import (
	"encoding/binary"
	"fmt"

	"github.com/detente-project/detente"
)

// ArticleColumns are the columns of articles that Article scans.
const ArticleColumns = `id, url, canonical_url, site, title, byline, published, date_source, lang,
	body, fetched, story_id, content_hash, fingerprint`

// ArticleSummaryColumns are ArticleColumns with an empty body and no
// fingerprint in place of the article's: a list of articles shows
// neither, and each article's body (1.6 kB compressed on bench scale's
// store) and fingerprint (1 kB) were read, decompressed and sent for
// nothing. Article scans them as it scans ArticleColumns.
const ArticleSummaryColumns = `id, url, canonical_url, site, title, byline, published, date_source, lang,
	'', fetched, story_id, content_hash, NULL`

// Article scans a row of ArticleColumns (or ArticleSummaryColumns),
// decoding its fingerprint.
func Article(sc Scanner) (detente.Article, error) {
	var (
		a                  detente.Article
		published, fetched Time
		source             string
		fp                 []byte
	)
	err := sc.Scan(&a.ID, &a.URL, &a.CanonicalURL, &a.Site, &a.Title, &a.Byline, &published, &source,
		&a.Lang, &a.Body, &fetched, &a.StoryID, &a.ContentHash, &fp)
	if err != nil {
		return a, err
	}
	a.DateSource = detente.DateSource(source)
	if a.Published, err = published.Instant(); err != nil {
		return a, err
	}
	if a.Fetched, err = fetched.Instant(); err != nil {
		return a, err
	}
	if a.Fingerprint, err = DecodeFingerprint(fp); err != nil {
		return a, fmt.Errorf("article %s: %w", a.ID, err)
	}
	return a, nil
}

// Sentence scans idx, text, start_byte, end_byte of a sentence of article.
func Sentence(article string) func(Scanner) (detente.Sentence, error) {
	return func(sc Scanner) (detente.Sentence, error) {
		sn := detente.Sentence{ArticleID: article}
		err := sc.Scan(&sn.Index, &sn.Text, &sn.Start, &sn.End)
		return sn, err
	}
}

// EncodeFingerprint returns a MinHash fingerprint as little-endian
// uint64s, or nil for none.
func EncodeFingerprint(fp []uint64) []byte {
	if len(fp) == 0 {
		return nil
	}
	b := make([]byte, 8*len(fp))
	for i, v := range fp {
		binary.LittleEndian.PutUint64(b[8*i:], v)
	}
	return b
}

// DecodeFingerprint reverses EncodeFingerprint.
func DecodeFingerprint(b []byte) ([]uint64, error) {
	if len(b)%8 != 0 {
		return nil, fmt.Errorf("fingerprint of %d bytes is not a list of uint64", len(b))
	}
	if len(b) == 0 {
		return nil, nil
	}
	fp := make([]uint64, len(b)/8)
	for i := range fp {
		fp[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return fp, nil
}

package source

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// identityHead is how much of a file's start its identity hashes: enough
// to take in a WARC's warcinfo record (with its record ID) or a JSONL
// file's first lines, so another file at the same path has another
// identity, while one that only grew at its end keeps its own.
const identityHead = 64 << 10

// identitySep joins a path and the identity of the file there in a
// page's Origin.
const identitySep = "#sha256:"

// fileOrigin returns the Origin of the pages of the file f at path: the
// path and a hash of the file's head. Checkpoints are kept per origin, so
// a different file put at the same path starts from its beginning instead
// of resuming at an offset that means nothing in it.
func fileOrigin(f *os.File, path string) (string, error) {
	head := make([]byte, identityHead)
	n, err := f.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("%s: read head: %w", path, err)
	}
	sum := sha256.Sum256(head[:n])
	return path + identitySep + hex.EncodeToString(sum[:8]), nil
}

// OriginPath returns the file path of a page's Origin, without the
// identity that WARC and JSONL pages carry.
func OriginPath(origin string) string {
	if i := strings.LastIndex(origin, identitySep); i >= 0 {
		return origin[:i]
	}
	return origin
}

// FileOrigin returns the Origin that the pages of the WARC or JSONL file
// at path carry, under which its checkpoint is kept.
func FileOrigin(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return fileOrigin(f, path)
}

package dedup

import (
	"unicode"
	"unicode/utf8"
)

// seeds are the per-hash-function constants, drawn from splitmix64 with a
// fixed start so that fingerprints are the same in every process and can
// be stored.
var seeds = func() []uint64 {
	s := make([]uint64, maxHashes)
	x := uint64(0x6465746e74652121) // "detente!!"
	for i := range s {
		x += 0x9e3779b97f4a7c15
		s[i] = mix(x)
	}
	return s
}()

const maxHashes = 512

// mix is the splitmix64 finaliser: a cheap bijection that spreads every
// input bit over the whole word.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// wordHashes returns the FNV-1a hash of each word of body: maximal runs of
// letters and digits, lower-cased. Punctuation, spacing and case, which
// wire copies change freely, do not count.
func wordHashes(body string, out []uint64) []uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h, in := uint64(offset), false
	for i := 0; i < len(body); {
		r, n := rune(body[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(body[i:])
		}
		i += n
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			r = unicode.ToLower(r)
		default:
			if in {
				out = append(out, h)
				h, in = offset, false
			}
			continue
		}
		in = true
		for ; r > 0; r >>= 8 {
			h = (h ^ uint64(r&0xff)) * prime
		}
	}
	if in {
		out = append(out, h)
	}
	return out
}

// signature computes the MinHash signature of the word k-shingles of body
// with n hash functions; nil when body has no words. A body shorter than k
// words is one shingle.
func signature(body string, k, n int) []uint64 {
	words := wordHashes(body, make([]uint64, 0, len(body)/5))
	if len(words) == 0 {
		return nil
	}
	k = min(k, len(words))
	sig := make([]uint64, n)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	s := seeds[:n]
	for i := 0; i+k <= len(words); i++ {
		var sh uint64
		for _, w := range words[i : i+k] {
			sh = mix(sh ^ w)
		}
		for j, seed := range s {
			if v := mix(sh ^ seed); v < sig[j] {
				sig[j] = v
			}
		}
	}
	return sig
}

// Similarity estimates the Jaccard similarity of two signatures: the share
// of hash functions on which they agree.
func Similarity(a, b []uint64) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// blockTags end the paragraph before them and start a new one.
var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true,
	"blockquote": true, "pre": true, "table": true, "tr": true, "thead": true,
	"tbody": true, "tfoot": true, "caption": true, "figure": true, "figcaption": true,
	"header": true, "footer": true, "aside": true, "hr": true, "br": true,
	"address": true, "details": true, "summary": true, "body": true,
}

// cellTags are table cells: separated by a space within their row.
var cellTags = map[string]bool{"td": true, "th": true}

// skipTags hold no readable text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "math": true, "iframe": true, "object": true,
	"head": true, "button": true, "select": true, "textarea": true,
}

// headingTags are the blocks that head a section.
var headingTags = map[string]bool{"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true}

// block is one paragraph of text and whether it is a heading.
type block struct {
	text    string
	heading bool
}

// paragraphs returns the text of the blocks under n, one per block, with
// white space collapsed.
func paragraphs(n *html.Node) []block {
	var out []block
	var cur strings.Builder
	heading := 0
	flush := func() {
		if p := strings.Join(strings.Fields(cur.String()), " "); p != "" {
			out = append(out, block{text: p, heading: heading > 0})
		}
		cur.Reset()
	}
	// edge is set at the edges of inline elements, where go-trafilatura
	// separates words that the page's styling may have set apart.
	edge := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if edge && endsInWord(&cur) && startsWithWord(n.Data) {
				cur.WriteByte(' ')
			}
			cur.WriteString(n.Data)
			edge = false
			return
		case html.ElementNode:
			if skipTags[n.Data] {
				return
			}
			if blockTags[n.Data] {
				flush()
				defer flush()
			}
			if headingTags[n.Data] {
				heading++
				defer func() { heading-- }()
			} else if cellTags[n.Data] {
				cur.WriteByte(' ')
				defer cur.WriteByte(' ')
			} else {
				edge = true
				defer func() { edge = true }()
			}
		case html.CommentNode, html.DoctypeNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	flush()
	return out
}

func endsInWord(sb *strings.Builder) bool {
	r, _ := utf8.DecodeLastRuneInString(sb.String())
	return isWordRune(r)
}

func startsWithWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

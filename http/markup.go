package http

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/detente-project/detente"
)

// The charts and the table of pairs are written as markup here rather
// than by templates: a template spends a call on every attribute of every
// dot, bar and row, and those calls were most of the CPU of the pair and
// country pages. Every text is escaped; numbers and classes are ours.

// esc escapes text for an HTML element or a quoted attribute.
func esc(s string) string { return template.HTMLEscapeString(s) }

// escText escapes text exactly as html/template escapes a string in an
// element or a quoted attribute ('+' and NUL included, which esc leaves),
// so that markup written here reads as the templates wrote it. Every byte
// it replaces is ASCII, which no byte of a multi-byte UTF-8 sequence is.
func escText(s string) string {
	i := strings.IndexAny(s, "\x00\"&'+<>")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case 0:
			b.WriteString("\uFFFD")
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '+':
			b.WriteString("&#43;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// marked writes a sentence's segments, the marked ones as <mark> with
// their class and title: a template spent a call on each piece of every
// sentence of a page's events or hits.
func marked(segs []segment) template.HTML {
	var b strings.Builder
	for _, s := range segs {
		if s.Class == "" {
			b.WriteString(escText(s.Text))
			continue
		}
		b.WriteString(`<mark class="` + escText(s.Class) + `"`)
		if s.Title != "" {
			b.WriteString(` title="` + escText(s.Title) + `"`)
		}
		b.WriteString(">" + escText(s.Text) + "</mark>")
	}
	return template.HTML(b.String())
}

// urlPath escapes s as html/template escapes a value in the path of a
// URL in a quoted attribute: each byte a URL may not carry as it is
// percent-encoded (reserved characters and valid escapes kept), then
// the result escaped for the attribute.
func urlPath(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0,
			c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(lowerHex[c>>4])
			b.WriteByte(lowerHex[c&15])
		}
	}
	return escText(b.String())
}

const lowerHex = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// eventList is a list of events, each with its day, actors, code, kind,
// tags, marked sentence and article. The templates of the pair, country,
// overview and alert pages spent a call on each of a dozen fields of
// every event.
func eventList(evs []eventView) template.HTML {
	var b strings.Builder
	b.WriteString("\n<ol class=\"events\">")
	for _, e := range evs {
		quad := strconv.Itoa(int(e.Quad))
		day := escText(e.Date.UTC().Format(dayLayout))
		b.WriteString("\n<li class=\"ev q" + quad + "\">\n" +
			`<div class="meta"><time datetime="` + day + `">` + day + "</time>\n" +
			`<span class="actors">` + escText(e.Source.Code) + " → " + escText(e.Target.Code) + "</span>\n" +
			`<a href="/events/` + urlPath(e.ID) + `">` + escText(codeName(e.Code)) + "</a>\n" +
			`<span class="tag q` + quad + `">` + escText(quadNames[e.Quad]) + "</span>")
		if e.NumSources > 1 {
			b.WriteString(` <span class="tag">` + strconv.Itoa(e.NumSources) + " sources</span>")
		}
		if e.Negated {
			b.WriteString(` <span class="tag">negated</span>`)
		}
		if e.Hypothetical {
			b.WriteString(` <span class="tag">hypothetical</span>`)
		}
		b.WriteString("</div>\n<blockquote>" + string(marked(e.Sentence)) + "</blockquote>\n" +
			`<div class="from"><a href="/articles/` + urlPath(e.ArticleID) + "#s" + strconv.Itoa(e.SentenceIndex) + `">` + escText(e.Title) + "</a>")
		if e.Site != "" {
			b.WriteString(" · " + escText(e.Site))
		}
		b.WriteString("</div>\n</li>")
	}
	if len(evs) == 0 {
		b.WriteString("\n<li class=\"none\">No events.</li>")
	}
	b.WriteString("\n</ol>\n")
	return template.HTML(b.String())
}

// coord writes a coordinate as num does; whole values as they are.
func coord(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// Plot is the chart's grid with its labels, the baseline when shown, the
// band and the line, as SVG.
func (c *lineChart) Plot() template.HTML {
	var b strings.Builder
	left, right := coord(c.Left), num(c.Right)
	for _, t := range c.YTicks {
		y := num(t.Pos)
		b.WriteString(`<line class="grid" x1="` + left + `" x2="` + right + `" y1="` + y + `" y2="` + y +
			`"/><text class="ylab" x="` + num(c.Left-4) + `" y="` + y + `">` + esc(t.Label) + "</text>\n")
	}
	below := num(c.Bottom + 18)
	for _, t := range c.XTicks {
		b.WriteString(`<text class="xlab" x="` + num(t.Pos) + `" y="` + below + `">` + esc(t.Label) + "</text>\n")
	}
	if c.Base >= 0 {
		y := num(c.Base)
		b.WriteString(`<line class="base" x1="` + left + `" x2="` + right + `" y1="` + y + `" y2="` + y + `"/>`)
	}
	b.WriteString("\n" + `<path class="band" d="` + c.Band + `"/>` + "\n" + `<path class="line" d="` + c.Line + `"/>`)
	return template.HTML(b.String())
}

// MarkerLines are the chart's alerts as lines across the plot, each
// titled.
func (c *lineChart) MarkerLines() template.HTML {
	var b strings.Builder
	top, bottom := coord(c.Top), coord(c.Bottom)
	for _, m := range c.Markers {
		x := num(m.X)
		b.WriteString(`<line class="marker ` + m.Class + `" x1="` + x + `" x2="` + x + `" y1="` + top + `" y2="` + bottom +
			`"><title>` + esc(m.Label) + "</title></line>\n")
	}
	return template.HTML(b.String())
}

// Dots are the chart's points as circles, each titled with its label.
func (c *lineChart) Dots() template.HTML { return c.dots(false) }

// DayDots are the chart's points as circles that a reader can select to
// list the events of their day, marked where a change begins.
func (c *lineChart) DayDots() template.HTML { return c.dots(true) }

func (c *lineChart) dots(selectable bool) template.HTML {
	// Appended rather than concatenated: a year's chart has hundreds of
	// dots, each of a few hundred bytes.
	b := make([]byte, 0, 256*len(c.Points))
	for _, p := range c.Points {
		b = append(b, `<circle class="pt`...)
		if p.Events > 0 {
			b = append(b, " has"...)
		}
		label := esc(p.Label)
		if selectable && p.Change != "" {
			b = append(b, " chg "+classOf(detente.Direction(p.Change))...)
		}
		b = appendNum(append(b, `" cx="`...), p.X)
		b = appendNum(append(b, `" cy="`...), p.Y)
		b = appendNum(append(b, `" r="`...), p.R)
		b = append(b, '"')
		if selectable {
			b = append(b, ` data-day="`...)
			b = append(b, esc(p.Day)...)
			b = append(b, `" tabindex="0" role="button" aria-label="`...)
			b = append(b, label...)
			b = append(b, '"')
		}
		b = append(b, "><title>"...)
		b = append(b, label...)
		b = append(b, "</title></circle>\n"...)
	}
	return template.HTML(b)
}

// BarRects are the chart's QuadClass bars as rectangles, each titled.
func (c *lineChart) BarRects() template.HTML {
	b := make([]byte, 0, 128*len(c.Bars))
	for _, r := range c.Bars {
		b = strconv.AppendInt(append(b, `<rect class="q`...), int64(r.Quad), 10)
		b = appendNum(append(b, `" x="`...), r.X)
		b = appendNum(append(b, `" y="`...), r.Y)
		b = appendNum(append(b, `" width="`...), r.W)
		b = appendNum(append(b, `" height="`...), r.H)
		b = append(b, `"><title>`...)
		b = append(b, esc(r.Label)...)
		b = append(b, "</title></rect>\n"...)
	}
	return template.HTML(b)
}

// pairRows is the body of a table of pairs: each pair's index with its
// band, change, how unusual it is, its events and sources, and its latest
// alert.
func pairRows(ps []detente.PairSummary) template.HTML {
	if len(ps) == 0 {
		return `<tr><td colspan="6">No pairs in the 90 days to this day.</td></tr>`
	}
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(`<tr><th scope="row"><a href="` + esc(pairURL(p.Pair)) + `">` + esc(pairTitle(p.Pair)) + "</a></th>\n" +
			`<td class="n">` + fixed(p.Index, 2, false) + ` <small>(` + fixed(p.Lower, 2, false) + ` to ` + fixed(p.Upper, 2, false) + ")</small></td>\n" +
			`<td class="n ` + changeClass(p.Change) + `">` + esc(fixed(p.Change, 2, true)) + "</td>\n" +
			`<td class="n opt">` + fixed(p.Unusual, 1, false) + "</td>\n" +
			`<td class="n opt">` + strconv.Itoa(p.Events) + ` (` + strconv.Itoa(p.Sources) + ")</td>\n" +
			`<td class="opt">`)
		if a := p.LastAlert; a != nil {
			b.WriteString(`<span class="` + classOf(a.Direction) + `">` + esc(string(a.Direction)) + `</span> ` + a.Start.UTC().Format(dayLayout))
		} else {
			b.WriteString("—")
		}
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}

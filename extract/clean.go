package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// Boilerplate that go-trafilatura leaves in, mostly from WordPress themes
// and news sites: lines that are never article text.
var (
	// junkLine matches a whole paragraph that is furniture.
	junkLine = regexp.MustCompile(`(?i)^(?:` + strings.Join([]string{
		`\d+`,
		`(?:\d+|no|one)\s+(?:comments?|responses?|replies|thoughts?)(?:\s+on\b.*)?`,
		`(?:leave|post|add|write)\s+a\s+(?:reply|comment)(?:\s+cancel\s+reply)?`,
		`cancel\s+reply`,
		`your\s+email\s+address\s+will\s+not\s+be\s+published.*`,
		`required\s+fields\s+are\s+marked.*`,
		`(?:share|like)\s+this(?:\s+(?:article|story|post))?\s*:?`,
		`(?:click\s+to\s+)?share\s+(?:on|via)\s+\S+.*`,
		`click\s+to\s+(?:email|print|share)\b.*`,
		`(?:opens\s+in\s+new\s+window)`,
		`like\s+loading\.*`,
		`(?:tweet|pin\s+it|email|print|whatsapp|telegram|reddit|facebook|twitter|linkedin|pinterest|x|share)(?:\s*[|·,/•]?\s*(?:tweet|pin\s+it|email|print|whatsapp|telegram|reddit|facebook|twitter|linkedin|pinterest|x|share))*`,
		`(?:posted|filed)\s+(?:in|under)\s*:?.{0,120}`,
		`(?:tagged|tags)\s*:.{0,120}`,
		`(?:advertisement|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+advertisement)?)`,
		`(?:skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|read\s+more|continue\s+reading(?:\s+below)?)\.*`,
		`(?:read|see)\s+more\s*:.{0,200}`,
		`(?:related|also\s+read|read\s+also)\s*:.{0,200}`,
		`don'?t\s+miss\b.{0,300}`,
		`tags`,
		`subscribe\b.{0,150}`,
		`thanks?\s+(?:you\s+)?for\s+(?:signing\s+up|subscribing).*`,
		`(?:there\s+was\s+an\s+error|an\s+error\s+has\s+occurred)\b.{0,100}`,
		`(?:copyright|©|\(c\))\s.{0,200}`,
		`(?:published|updated|posted)\s+(?:on\s+|at\s+)?\S.{0,40}`,
		`by\s+\S+(?:\s+\S+){0,4}`,
	}, "|") + `)[\s.:!]*$`)

	// contactLine is a sign-off that tells readers where to follow or write
	// to the author or the site.
	contactLine = regexp.MustCompile(`(?i)^(?:follow\b.*\bon\s+(?:twitter|facebook|instagram|x)\b|(?:email|e-mail|write\s+to|contact)\b.*@|have\s+a\s+(?:news\s+)?tip\b)`)

	// legalLine holds notices that only legal and commercial furniture
	// carries.
	legalLine = regexp.MustCompile(`(?i)all\s+rights\s+reserved|non-commercial\s+use\s+only|this\s+article\s+has\s+been\s+sent\s+to|click(?:ing)?\s+here\b`)

	// tailMarker starts a section at the end of a page that holds no more
	// article text: everything from it on goes.
	tailMarker = regexp.MustCompile(`(?i)^(?:about\s+the\s+author|leave\s+a\s+(?:reply|comment)|related\s+(?:posts|articles|stories|news|content|coverage|reading)|you\s+(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested\s+in)|more\s+from\s+\S+(?:\s+\S+)?|more\s+(?:great\s+)?\S+\s+stories|recommended(?:\s+for\s+you)?|read\s+next|most\s+(?:read|popular)|trending(?:\s+now)?|comments?|discussion|(?:\d+\s+)?comments|share\s+this)\s*[:.…]*$`)

	// cookieLine and newsletterLine match cookie banners and newsletter
	// prompts, which are furniture when the paragraph is short.
	cookieLine     = regexp.MustCompile(`(?i)\bcookies?\b.*\b(?:accept|consent|agree|privacy|policy|settings|browsing|experience)\b|\b(?:we|this\s+(?:site|website))\s+uses?\s+cookies\b`)
	newsletterLine = regexp.MustCompile(`(?i)\b(?:sign\s+up|subscribe|signup|register)\b.*\b(?:newsletters?|inbox|e-?mail\s+(?:alerts|updates|briefing))\b|\bnewsletters?\b.*\b(?:sign\s+up|subscribe)\b|delivered\s+(?:straight\s+)?to\s+your\s+inbox`)

	// slugLine is a URL slug printed as text: words-joined-by-hyphens.
	slugLine = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+){2,}$`)

	// socialCard is the title of an embedded social media post.
	socialCard = regexp.MustCompile(`\(@\w+\)\s*(?:/\s*\S+\s*)*(?:on\s+(?:X|Twitter|Instagram)|/\s*X|/\s*Twitter)$`)
)

// promptMaxLen is the length above which a paragraph that mentions cookies
// or newsletters is taken for article text, not a prompt.
const promptMaxLen = 300

// clean drops the boilerplate paragraphs from an extracted body: furniture
// lines anywhere, sections that end the page, and lines at the top that
// repeat the title, name the byline or are not article text.
func clean(paras []block, title, byline string) []string {
	out := paras[:0:0]
	for i, p := range paras {
		if tailMarker.MatchString(p.text) && i >= len(paras)/3 {
			break
		}
		if isFurniture(p.text) {
			continue
		}
		out = append(out, p)
	}
	out = trimHead(out, title, byline)
	texts := make([]string, len(out))
	for i, p := range out {
		texts[i] = p.text
	}
	return texts
}

// isFurniture reports whether a paragraph is page furniture.
func isFurniture(p string) bool {
	if junkLine.MatchString(p) || tailMarker.MatchString(p) {
		return true
	}
	if len(p) <= promptMaxLen && (cookieLine.MatchString(p) || newsletterLine.MatchString(p) ||
		contactLine.MatchString(p) || legalLine.MatchString(p) || isShareBar(p)) {
		return true
	}
	return false
}

// trimHead drops what stands above the first paragraph of the body: a
// section label above the headline, lines that repeat the title, headings
// (the title again, a standfirst), credit lines naming the byline, slugs
// and social media cards. Left in, the headline would be coded a second
// time and the credits read as sentences.
func trimHead(paras []block, title, byline string) []block {
	nt, nb := fold(title), fold(byline)
	isTitle := func(f string) bool { return nt != "" && (f == nt || strings.HasPrefix(nt, f) && len(f)*2 > len(nt)) }
	// A rubric or kicker: a few short lines, then the title.
	for i := 1; i <= maxRubricLines && i < len(paras); i++ {
		if len(strings.Fields(paras[i-1].text)) > maxRubricWords {
			break
		}
		if isTitle(fold(paras[i].text)) {
			paras = paras[i:]
			break
		}
	}
	for len(paras) > 0 {
		p := paras[0]
		f := fold(p.text)
		switch {
		case f == "":
		case isTitle(f):
		case p.heading:
		case len(nb) >= minBylineLen && strings.Contains(f, nb) && len(strings.Fields(p.text)) <= maxCreditWords:
		case slugLine.MatchString(p.text), socialCard.MatchString(p.text):
		default:
			return paras
		}
		paras = paras[1:]
	}
	return paras
}

// Sizes of the lines trimHead takes for furniture around the headline.
const (
	maxRubricLines = 2  // section labels above the headline
	maxRubricWords = 4  // words of a section label
	minBylineLen   = 4  // letters of a byline worth looking for
	maxCreditWords = 16 // words of a credit line ("Words by Noor Sato · June 4, 2026")
)

// fold reduces s to its lower-case letters and digits, so that lines
// compare equal whatever their punctuation and spacing.
func fold(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(unicode.ToLower(r))
		}
	}
	return sb.String()
}

// shareNames are the words share bars are made of.
var shareNames = map[string]bool{
	"facebook": true, "twitter": true, "whatsapp": true, "pinterest": true, "pin": true,
	"pint": true, "linkedin": true, "reddit": true, "email": true, "e-mail": true, "mail": true,
	"print": true, "telegram": true, "tumblr": true, "share": true, "tweet": true, "x": true,
	"messenger": true, "flipboard": true, "sms": true, "copy": true, "link": true, "vk": true,
}

// isShareBar reports whether p is a row of sharing buttons: a few words,
// most of them names of networks or sharing actions.
func isShareBar(p string) bool {
	words := strings.FieldsFunc(strings.ToLower(p), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-'
	})
	if len(words) < 2 || len(words) > 10 {
		return false
	}
	n := 0
	for _, w := range words {
		if shareNames[w] {
			n++
		}
	}
	return n*3 >= len(words)*2
}

package extract

import (
	"strings"
	"unicode"
)

// stopWords are the commonest short words of the main news languages, for
// telling Latin-script and Cyrillic-script languages apart. Words shared by
// several of these languages are left out.
var stopWords = map[string]string{}

func init() {
	for lang, words := range map[string]string{
		"en": "the and of to in is that for with was on are by this be from have has had were which said not but they their its it he she would will been who",
		"fr": "le les des du une est et dans pour qui au sur pas par avec ce il elle sont ont été aux cette mais ses leur selon plus",
		"es": "el los las del una y en que por con para es al se lo su sus fue como pero más este esta según ha han sido entre",
		"de": "der die das und ist nicht mit den dem ein eine zu auf für sich von im auch wird es sind wurde nach bei aus wie oder hat",
		"it": "il della di che è gli delle per con non una nel alla anche sono ha dei ma più stato questo come essere",
		"pt": "o os as um da do das dos uma em que não com para por foi mais ao à às são também pelo pela seu sua seus suas ele está tem há disse nos",
		"nl": "de het een van en is dat op te zijn voor niet met hij zij ook maar om aan bij door werd worden heeft",
		"ru": "и в не на что с по как это он она из за от для к о но так его же были был была уже или только",
		"uk": "і в не на що з по як це він вона із за від для до але так його вже були був була або тільки які",
		"tr": "ve bir bu da de için ile olarak daha çok gibi olan en ancak ise kadar sonra değil",
		"pl": "i w nie na że z się do jest to o jak ale po od przez dla jego oraz być został była",
		"sv": "och att det som en på är av för med till den har inte om ett men var sig från också",
		"id": "dan yang di itu dengan untuk tidak ini dari dalam akan pada juga ke karena oleh ada",
	} {
		knownLangs[lang] = true
		for _, w := range strings.Fields(words) {
			if _, dup := stopWords[w]; dup {
				stopWords[w] = ""
				continue
			}
			stopWords[w] = lang
		}
	}
}

// chooseLang returns the language of a body whose page declares
// declared: what the text shows when detectLang is sure and knows the
// declared language too, since themes often declare the wrong one, else
// the declared language.
func chooseLang(declared, body string) string {
	detected := detectLang(body)
	if detected == "" || declared != "" && !knownLangs[declared] {
		return declared
	}
	return detected
}

// knownLangs are the languages detectLang can name.
var knownLangs = map[string]bool{
	"ja": true, "zh": true, "ko": true, "fa": true, "ar": true, "he": true, "el": true, "th": true, "hi": true,
}

// minStopHits is how many stop words a text needs before its language is
// named; shorter texts get "".
const minStopHits = 5

// detectLang names the language of text by its script and, for Latin and
// Cyrillic text, by which language's stop words it uses most. It returns
// "" when unsure.
func detectLang(text string) string {
	if len(text) > 20000 {
		text = text[:20000]
	}
	if lang := byScript(text); lang != "" {
		return lang
	}
	counts := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	}) {
		if lang := stopWords[w]; lang != "" {
			counts[lang]++
		}
	}
	var best, second int
	var lang string
	for l, n := range counts {
		switch {
		case n > best || n == best && l < lang:
			best, second, lang = n, max(best, second), l
		case n > second:
			second = n
		}
	}
	if best < minStopHits || best*2 < second*3 {
		return ""
	}
	return lang
}

// byScript names the language of text written mostly in a script that one
// language owns, "" otherwise.
func byScript(text string) string {
	var letters, han, kana, hangul, arabic, persian, hebrew, greek, thai, devanagari int
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Arabic, r):
			arabic++
			if strings.ContainsRune("پچژگ", r) {
				persian++
			}
		case unicode.Is(unicode.Hebrew, r):
			hebrew++
		case unicode.Is(unicode.Greek, r):
			greek++
		case unicode.Is(unicode.Thai, r):
			thai++
		case unicode.Is(unicode.Devanagari, r):
			devanagari++
		}
	}
	if letters == 0 {
		return ""
	}
	most := func(n int) bool { return n*2 > letters }
	switch {
	case kana > 0 && most(kana+han):
		return "ja"
	case most(han):
		return "zh"
	case most(hangul):
		return "ko"
	case most(arabic) && persian*50 > arabic:
		return "fa"
	case most(arabic):
		return "ar"
	case most(hebrew):
		return "he"
	case most(greek):
		return "el"
	case most(thai):
		return "th"
	case most(devanagari):
		return "hi"
	}
	return ""
}

// langCode reduces a declared language ("en-US", "en_GB", "EN") to its ISO
// 639-1 code, "" when it is not one.
func langCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_,; "); i >= 0 {
		s = s[:i]
	}
	if len(s) != 2 || s[0] < 'a' || s[0] > 'z' || s[1] < 'a' || s[1] > 'z' {
		return ""
	}
	return s
}

package coder

import "strings"

// irregular gives the past and past participle of the irregular verbs news
// uses, as "past participle" ("met met"); the base form and its -s and -ing
// forms are regular.
var irregular = map[string]string{
	"arise": "arose arisen", "bear": "bore borne", "beat": "beat beaten", "become": "became become",
	"begin": "began begun", "bid": "bid bid", "bind": "bound bound", "blow": "blew blown",
	"break": "broke broken", "bring": "brought brought", "build": "built built", "buy": "bought bought",
	"cast": "cast cast", "choose": "chose chosen", "come": "came come", "cut": "cut cut",
	"deal": "dealt dealt", "dig": "dug dug", "draw": "drew drawn", "drive": "drove driven",
	"fight": "fought fought", "fly": "flew flown", "forbid": "forbade forbidden", "forgive": "forgave forgiven",
	"freeze": "froze frozen", "give": "gave given", "go": "went gone", "hang": "hung hung",
	"hide": "hid hidden", "hit": "hit hit", "hold": "held held", "keep": "kept kept",
	"lay": "laid laid", "lead": "led led", "leave": "left left", "lend": "lent lent",
	"let": "let let", "lose": "lost lost", "make": "made made", "mean": "meant meant",
	"meet": "met met", "overrun": "overran overrun", "oversee": "oversaw overseen", "overthrow": "overthrew overthrown",
	"pay": "paid paid", "put": "put put", "quit": "quit quit", "ride": "rode ridden",
	"rise": "rose risen", "run": "ran run", "say": "said said", "see": "saw seen",
	"seek": "sought sought", "sell": "sold sold", "send": "sent sent", "set": "set set",
	"shake": "shook shaken", "shed": "shed shed", "shoot": "shot shot", "shut": "shut shut",
	"sink": "sank sunk", "sit": "sat sat", "slay": "slew slain", "speak": "spoke spoken",
	"spend": "spent spent", "spread": "spread spread", "stand": "stood stood", "steal": "stole stolen",
	"stick": "stuck stuck", "strike": "struck struck", "swear": "swore sworn", "sweep": "swept swept",
	"take": "took taken", "teach": "taught taught", "tear": "tore torn", "tell": "told told",
	"think": "thought thought", "throw": "threw thrown", "undertake": "undertook undertaken", "uphold": "upheld upheld",
	"wage": "waged waged", "wear": "wore worn", "win": "won won", "withdraw": "withdrew withdrawn",
	"withhold": "withheld withheld", "write": "wrote written", "understand": "understood understood",
	"withstand": "withstood withstood", "forsake": "forsook forsaken", "stand by": "stood by stood by",
	"ink": "inked inked", "sling": "slung slung", "slit": "slit slit", "grind": "ground ground",
}

// Inflect returns the forms of a verb given in its base form: the base,
// third person, past, past participle and -ing forms. Regular forms are
// generated with and without a doubled final consonant ("ban" gives both
// "banned" and "baned"); a form that English never writes costs nothing
// but a map entry, while a missing one would lose events.
func Inflect(base string) []string {
	forms := []string{base}
	add := func(f string) {
		for _, g := range forms {
			if g == f {
				return
			}
		}
		forms = append(forms, f)
	}
	if irr, ok := irregular[base]; ok {
		for _, f := range strings.Fields(irr) {
			add(f)
		}
	}
	n := len(base)
	if n == 0 {
		return forms
	}
	last := base[n-1]
	consonantY := last == 'y' && n > 1 && !isVowel(base[n-2])
	switch {
	case consonantY:
		add(base[:n-1] + "ies")
	case strings.HasSuffix(base, "s") || strings.HasSuffix(base, "x") || strings.HasSuffix(base, "z") ||
		strings.HasSuffix(base, "ch") || strings.HasSuffix(base, "sh") || strings.HasSuffix(base, "o"):
		add(base + "es")
	default:
		add(base + "s")
	}
	if _, ok := irregular[base]; !ok {
		switch {
		case last == 'e':
			add(base + "d")
		case consonantY:
			add(base[:n-1] + "ied")
		default:
			add(base + "ed")
			add(base + string(last) + "ed")
		}
	}
	switch {
	case strings.HasSuffix(base, "ie"):
		add(base[:n-2] + "ying")
	case last == 'e' && !strings.HasSuffix(base, "ee"):
		add(base[:n-1] + "ing")
	default:
		add(base + "ing")
		if !isVowel(last) && last != 'y' && last != 'w' && last != 'x' {
			add(base + string(last) + "ing")
			if _, ok := irregular[base]; ok {
				add(base + string(last) + "ed")
			}
		}
	}
	return forms
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

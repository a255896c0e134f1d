package coder

import "strings"

// irregular gives the past and past participle of the irregular verbs news
// uses (grammar/words.txt, class irregular-verbs), as "past participle"
// ("met met"); the base form and its -s and -ing forms are regular.
var irregular = irregularVerbs()

func irregularVerbs() map[string]string {
	m := map[string]string{}
	for _, e := range wordList("irregular-verbs") {
		parts := strings.Split(e, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		m[parts[0]] = strings.Join(parts[1:], " ")
	}
	return m
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

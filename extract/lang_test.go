package extract

import "testing"

func TestDetectLang(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{"The minister said that the talks with the delegation were useful and that they would be held again in the spring.", "en"},
		{"Le ministre a déclaré que les discussions avec la délégation étaient utiles et qu'elles reprendront au printemps pour les deux pays.", "fr"},
		{"El ministro dijo que las conversaciones con la delegación fueron útiles y que se reanudarán en la primavera para los dos países.", "es"},
		{"Der Minister sagte, dass die Gespräche mit der Delegation nützlich waren und im Frühjahr fortgesetzt werden, wie es hieß.", "de"},
		{"Il ministro ha detto che i colloqui con la delegazione sono stati utili e che non è stato deciso nulla per la primavera.", "it"},
		{"O ministro disse que as conversas com a delegação foram úteis e que não há data para a próxima reunião, segundo o governo.", "pt"},
		{"Министр заявил, что переговоры с делегацией были полезными и что они будут продолжены весной, но только после выборов.", "ru"},
		{"وقال الوزير إن المحادثات مع الوفد كانت مفيدة وإنها ستستأنف في الربيع", "ar"},
		{"外交部长表示，与代表团的会谈很有帮助，双方将于春季恢复谈判。", "zh"},
		{"外務大臣は、代表団との協議は有益だったと述べ、春に再開される予定だという。", "ja"},
		{"외교부 장관은 대표단과의 회담이 유익했다고 말했다.", "ko"},
		{"Talks resumed.", ""},
		{"12345 67890", ""},
	}
	for _, tt := range tests {
		if got := detectLang(tt.text); got != tt.want {
			t.Errorf("detectLang(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestLangCode(t *testing.T) {
	for in, want := range map[string]string{"en-US": "en", "en_GB": "en", "FR": "fr", "de": "de", "eng": "", "": "", "x-klingon": ""} {
		if got := langCode(in); got != want {
			t.Errorf("langCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestChooseLang(t *testing.T) {
	const de = "Der Minister sagte, dass die Gespräche mit der Delegation nützlich waren und im Frühjahr fortgesetzt werden, wie es hieß."
	tests := []struct{ declared, body, want string }{
		{"en", de, "de"},    // a theme's wrong default
		{"de", de, "de"},    // agreed
		{"", de, "de"},      // undeclared
		{"ca", de, "ca"},    // a language the detector cannot name: trust the page
		{"fr", "Ok.", "fr"}, // too short to be sure
		{"", "Ok.", ""},
	}
	for _, tt := range tests {
		if got := chooseLang(tt.declared, tt.body); got != tt.want {
			t.Errorf("chooseLang(%q, %.20q) = %q, want %q", tt.declared, tt.body, got, tt.want)
		}
	}
}

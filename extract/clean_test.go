package extract

import (
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	const p1 = "Officials from both countries met in the capital on Tuesday to discuss the border."
	const p2 = "They agreed to meet again next month, according to a joint statement."
	const p3 = "Analysts said the talks were a first step toward easing tensions in the region."
	cookies := p1 + " The bakery sells cookies, and its owner said customers accept the new prices." + strings.Repeat(" The owner also spoke about the history of the town.", 6)
	tests := []struct {
		name   string
		title  string
		byline string
		in     []block
		want   []string
	}{
		{"section label, headline and credits of a magazine template", "Border talks resume", "Noor Sato",
			[]block{{text: "Europe"}, {text: "Border talks resume"}, {text: "Words by Noor Sato · June 4, 2026"}, {text: p1}, {text: p2}},
			[]string{p1, p2}},
		{"a short first paragraph without the headline after it stays", "Border talks resume", "",
			[]block{{text: "Talks went on."}, {text: p1}},
			[]string{"Talks went on.", p1}},
		{"a sentence naming the author in the body stays", "Border talks resume", "Noor Sato",
			[]block{{text: p1}, {text: "Noor Sato reported from the border."}},
			[]string{p1, "Noor Sato reported from the border."}},
		{"title, counter and slug at the top", "Border talks resume", "",
			[]block{{text: "Border talks resume"}, {text: "0"}, {text: "border-talks-resume-today"}, {text: p1}, {text: p2}},
			[]string{p1, p2}},
		{"headings and a social card above the first paragraph", "Border talks resume", "",
			[]block{{text: "Border Talks Resume: What We Know", heading: true}, {text: "Foreign Ministry (@mfa_example) / Posts / X"}, {text: p1}, {text: "Background", heading: true}, {text: p2}},
			[]string{p1, "Background", p2}},
		{"wordpress tail", "", "",
			[]block{{text: p1}, {text: p2}, {text: p3}, {text: "About The Author"}, {text: "Jane Doe writes about the region."}, {text: "Leave a Reply"}, {text: "Your email address will not be published. Required fields are marked *"}},
			[]string{p1, p2, p3}},
		{"share bars and prompts anywhere", "", "",
			[]block{{text: "3 Comments"}, {text: "Share this:"}, {text: p1}, {text: "Click to share on Twitter (Opens in new window)"}, {text: "Facebook Twitter Email"}, {text: "We use cookies to improve your experience. Accept"}, {text: p2}, {text: "Sign up for our newsletter"}, {text: p3}},
			[]string{p1, p2, p3}},
		{"news site furniture", "", "",
			[]block{{text: "By Jane Doe"}, {text: "Published 18 November 2019"}, {text: p1}, {text: "READ MORE: Talks collapse as envoy walks out"}, {text: "Continue Reading Below"},
				{text: p2}, {text: "DON'T MISS"}, {text: "Whatsapp Facebook Pint Baixar"}, {text: p3},
				{text: "Follow Example News on Facebook, Twitter and Instagram."}, {text: "Write to Jane Doe at jane@example.com"},
				{text: "Copyright 2019 Example News. All rights reserved."}, {text: "GET THE APP BY CLICKING HERE"}},
			[]string{p1, p2, p3}},
		{"related links end the body", "", "",
			[]block{{text: p1}, {text: p2}, {text: "You may also like"}, {text: "Another story about something else entirely."}},
			[]string{p1, p2}},
		{"a tail marker too early is only dropped", "", "",
			[]block{{text: "Related posts"}, {text: p1}, {text: p2}, {text: p3}},
			[]string{p1, p2, p3}},
		{"long paragraphs that mention cookies stay", "", "",
			[]block{{text: cookies}},
			[]string{cookies}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := clean(tt.in, tt.title, tt.byline)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("clean\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

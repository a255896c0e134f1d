package http

import (
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

// TestMarkup checks the markup the charts and the table of pairs are
// written with: the attributes each element gets and every text escaped.
func TestMarkup(t *testing.T) {
	c := &lineChart{Left: 44, Right: 788, Top: 12, Bottom: 232, Base: 120, Band: "M44 10Z", Line: "M44 20",
		YTicks:  []tick{{Pos: 100, Label: "<b>1</b>"}},
		XTicks:  []tick{{Pos: 44, Label: "Mar 1"}},
		Markers: []marker{{X: 50.25, Class: "deesc", Label: `Iran & "Israel"`}},
		Points: []chartPoint{
			{X: 44, Y: 20, R: 4.5, Day: "2025-03-01", Label: "<i>one</i>", Events: 2, Change: "de-escalation"},
			{X: 60, Y: 30, R: 2.5, Day: "2025-03-02", Label: "two"},
		},
		Bars: []bar{{X: 40, Y: 50, W: 8, H: 42, Quad: 4, Label: "2025-03-01: 2 material conflict"}},
	}
	alert := &detente.Alert{Direction: detente.Escalation, Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	for _, tt := range []struct {
		name      string
		got       template.HTML
		want, not []string
	}{
		{"plot", c.Plot(), []string{
			`<line class="grid" x1="44" x2="788.0" y1="100.0" y2="100.0"/><text class="ylab" x="40.0" y="100.0">&lt;b&gt;1&lt;/b&gt;</text>`,
			`<text class="xlab" x="44.0" y="250.0">Mar 1</text>`,
			`<line class="base" x1="44" x2="788.0" y1="120.0" y2="120.0"/>`,
			`<path class="band" d="M44 10Z"/>`, `<path class="line" d="M44 20"/>`,
		}, []string{"<b>"}},
		{"markers", c.MarkerLines(), []string{
			`<line class="marker deesc" x1="50.2" x2="50.2" y1="12" y2="232"><title>Iran &amp; &#34;Israel&#34;</title></line>`,
		}, nil},
		{"dots", c.Dots(), []string{
			`<circle class="pt has" cx="44.0" cy="20.0" r="4.5"><title>&lt;i&gt;one&lt;/i&gt;</title></circle>`,
			`<circle class="pt" cx="60.0" cy="30.0" r="2.5"><title>two</title></circle>`,
		}, []string{"data-day", "chg", "<i>"}},
		{"day dots", c.DayDots(), []string{
			`<circle class="pt has chg deesc" cx="44.0" cy="20.0" r="4.5" data-day="2025-03-01" tabindex="0" role="button" aria-label="&lt;i&gt;one&lt;/i&gt;"><title>&lt;i&gt;one&lt;/i&gt;</title></circle>`,
			`<circle class="pt" cx="60.0" cy="30.0" r="2.5" data-day="2025-03-02" tabindex="0" role="button" aria-label="two">`,
		}, nil},
		{"bars", c.BarRects(), []string{
			`<rect class="q4" x="40.0" y="50.0" width="8.0" height="42.0"><title>2025-03-01: 2 material conflict</title></rect>`,
		}, nil},
		{"no pairs", pairRows(nil), []string{`<tr><td colspan="6">No pairs in the 90 days to this day.</td></tr>`}, nil},
		{"pairs", pairRows([]detente.PairSummary{
			{Pair: detente.Pair{A: "IRN", B: "USA"}, Index: 1.234, Lower: -0.5, Upper: 3, Change: 0.5, Unusual: 2.25, Events: 7, Sources: 12, LastAlert: alert},
			{Pair: detente.Pair{A: "CHN", B: "TWN"}, Index: -0.001, Change: -0.004},
		}), []string{
			`<tr><th scope="row"><a href="/pairs/IRN-USA">Iran and United States</a></th>` + "\n" +
				`<td class="n">1.23 <small>(-0.50 to 3.00)</small></td>` + "\n" +
				`<td class="n esc">+0.50</td>` + "\n" + `<td class="n opt">2.2</td>` + "\n" +
				`<td class="n opt">7 (12)</td>` + "\n" + `<td class="opt"><span class="esc">escalation</span> 2025-03-01</td></tr>`,
			`<td class="n">0.00 <small>(0.00 to 0.00)</small></td>` + "\n" + `<td class="n ">0.00</td>`,
			`<td class="opt">—</td></tr>`,
		}, nil},
	} {
		for _, w := range tt.want {
			if !strings.Contains(string(tt.got), w) {
				t.Errorf("%s: %s\nlacks %s", tt.name, tt.got, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(string(tt.got), n) {
				t.Errorf("%s: %s\nhas %s", tt.name, tt.got, n)
			}
		}
	}
}

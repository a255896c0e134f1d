package warcgen

import (
	"bytes"
	"fmt"
)

// Pad returns body grown to about size bytes with boilerplate an
// extractor should drop, as real news pages carry: a list of related-story
// links and an inline script, placed before </body> (or at the end). A
// body already that large comes back unchanged.
func Pad(body []byte, size int) []byte {
	if len(body) >= size {
		return body
	}
	var pad bytes.Buffer
	pad.WriteString(`<aside class="related"><ul>`)
	for i := 0; pad.Len() < (size-len(body))/2; i++ {
		fmt.Fprintf(&pad, `<li><a href="/section/%d">More from the section, story %d</a></li>`, i, i)
	}
	pad.WriteString("</ul></aside>\n<script>var tracking = [")
	for i := 0; pad.Len() < size-len(body)-len("];</script>"); i++ {
		fmt.Fprintf(&pad, "%d,", i)
	}
	pad.WriteString("];</script>")
	at := bytes.LastIndex(body, []byte("</body>"))
	if at < 0 {
		at = len(body)
	}
	out := make([]byte, 0, len(body)+pad.Len())
	out = append(out, body[:at]...)
	out = append(out, pad.Bytes()...)
	return append(out, body[at:]...)
}

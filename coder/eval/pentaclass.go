package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Classes is the number of pentaclass classes.
const Classes = 5

// classRoots names the CAMEO roots of each class, for reports.
var classRoots = [Classes]string{"01–02", "03–05", "06–08", "09–13, 16", "14–15, 17–20"}

// ClassOf returns the pentaclass class of a CAMEO code by its root:
// 0 for roots 01–02 (statements, appeals), 1 for 03–05 (verbal
// cooperation), 2 for 06–08 (material cooperation), 3 for 09–13 and 16
// (verbal conflict), 4 for 14–15 and 17–20 (material conflict); -1 for a
// code whose root is not 01–20.
func ClassOf(code string) int {
	if len(code) < 2 || !digit(code[0]) || !digit(code[1]) {
		return -1
	}
	r := int(code[0]-'0')*10 + int(code[1]-'0')
	switch {
	case r < 1 || r > 20:
		return -1
	case r <= 2:
		return 0
	case r <= 5:
		return 1
	case r <= 8:
		return 2
	case r <= 13 || r == 16:
		return 3
	}
	return 4
}

// PentaSentence is one sentence of the pentaclass set: its text and the
// class of its main event.
type PentaSentence struct {
	ID    string `json:"id"`
	Date  string `json:"date"`
	Text  string `json:"text"`
	Class int    `json:"class"`
}

// Input returns the sentence's text and day, for Predict.
func (s PentaSentence) Input() (string, time.Time) {
	t, _ := time.Parse(time.DateOnly, s.Date)
	return s.Text, t
}

// ReadPentaclass reads pentaclass sentences, one JSON object a line:
// {"id","date","text","class"}. id (unique in the file), text and class
// are required, class must be 0–4, and date, when given, YYYY-MM-DD. The
// first line that breaks a rule ends the reading with an error naming
// name:line.
func ReadPentaclass(name string, r io.Reader) ([]PentaSentence, error) {
	var out []PentaSentence
	err := eachLine(name, r, func(line []byte) (string, error) {
		var rec struct {
			ID    string `json:"id"`
			Date  string `json:"date"`
			Text  string `json:"text"`
			Class *int   `json:"class"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			return "", err
		}
		if rec.ID == "" || rec.Text == "" || rec.Class == nil {
			return "", fmt.Errorf("want id, text and class")
		}
		if *rec.Class < 0 || *rec.Class >= Classes {
			return "", fmt.Errorf("class %d: want 0 to %d", *rec.Class, Classes-1)
		}
		if err := checkDate(rec.Date); err != nil {
			return "", err
		}
		out = append(out, PentaSentence{ID: rec.ID, Date: rec.Date, Text: rec.Text, Class: *rec.Class})
		return rec.ID, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func digit(b byte) bool { return '0' <= b && b <= '9' }

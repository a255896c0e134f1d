package http

import (
	"math"
	"strconv"
	"time"

	"github.com/detente-project/detente"
)

// Charts are drawn on the server as SVG, so a page paints without running
// any script. Geometry is computed here; templates only place it.

// Chart sizes in viewBox units; CSS scales the SVG to the page width.
const (
	chartW      = 800
	chartH      = 260
	chartLeft   = 44
	chartRight  = 12
	chartTop    = 12
	chartBottom = 28
	barsH       = 120
	sparkW      = 120
	sparkH      = 28
)

// lineChart is a series drawn as a line with its uncertainty band, one
// point per day.
type lineChart struct {
	W, H    int
	Left    float64
	Right   float64 // x of the plot's right edge
	Top     float64
	Bottom  float64 // y of the plot's bottom edge
	Line    string  // SVG path of the values
	Band    string  // SVG path of the band between lower and upper
	Base    float64 // y of the baseline (0 or 100), -1 when off the chart
	Points  []chartPoint
	YTicks  []tick
	XTicks  []tick
	Markers []marker
	Bars    []bar // QuadClass stacks, on a chart of their own below
	BarsH   int
}

// chartPoint is one day on a chart.
type chartPoint struct {
	X, Y   float64
	R      float64 // radius: larger with more events
	Day    string  // YYYY-MM-DD
	Label  string  // accessible description
	Events int
	Change string // "escalation", "de-escalation" or ""
}

type tick struct {
	Pos   float64
	Label string
}

// marker is an alert on the timeline.
type marker struct {
	X     float64
	Class string
	Label string
}

// bar is one QuadClass segment of a day's stacked bar.
type bar struct {
	X, Y, W, H float64
	Quad       int
	Label      string
}

// seriesValue is what a chart needs of one point of any series.
type seriesValue struct {
	Day          time.Time
	Value        float64
	Lower, Upper float64
	Events       int
	Counts       [4]int
	Change       string
}

func tensionValues(pts []detente.TensionPoint) []seriesValue {
	out := make([]seriesValue, len(pts))
	for i, p := range pts {
		out[i] = seriesValue{Day: p.Day, Value: p.Index, Lower: p.Lower, Upper: p.Upper,
			Events: p.Events, Counts: p.Counts, Change: string(p.Change)}
	}
	return out
}

func countryValues(pts []detente.CountryPoint) []seriesValue {
	out := make([]seriesValue, len(pts))
	for i, p := range pts {
		out[i] = seriesValue{Day: p.Day, Value: p.Index, Lower: p.Lower, Upper: p.Upper, Events: p.Articles}
	}
	return out
}

// newLineChart lays out a series; base is the neutral level drawn as a
// reference line (0 for tension, 100 for a country index), unit names what
// Events counts in point labels.
func newLineChart(vs []seriesValue, alerts []detente.Alert, base float64, unit string) *lineChart {
	c := &lineChart{W: chartW, H: chartH, Left: chartLeft, Right: chartW - chartRight,
		Top: chartTop, Bottom: chartH - chartBottom, BarsH: barsH, Base: -1}
	if len(vs) == 0 {
		return c
	}
	lo, hi := base, base
	maxEvents := 0
	for _, v := range vs {
		lo = math.Min(lo, math.Min(v.Lower, v.Value))
		hi = math.Max(hi, math.Max(v.Upper, v.Value))
		maxEvents = max(maxEvents, v.Events)
	}
	if hi-lo < 1e-9 {
		hi, lo = hi+1, lo-1
	}
	pad := (hi - lo) * 0.05
	lo, hi = lo-pad, hi+pad
	y := func(v float64) float64 { return c.Bottom - (v-lo)/(hi-lo)*(c.Bottom-c.Top) }
	step := (c.Right - c.Left) / math.Max(1, float64(len(vs)-1))
	x := func(i int) float64 {
		if len(vs) == 1 {
			return (c.Left + c.Right) / 2
		}
		return c.Left + float64(i)*step
	}
	// A point takes about 12 bytes of each path.
	line := make([]byte, 0, 12*len(vs))
	band := make([]byte, 0, 24*len(vs)+1)
	c.Points = make([]chartPoint, 0, len(vs))
	for i, v := range vs {
		cmd := byte('L')
		if i == 0 {
			cmd = 'M'
		}
		line = appendPoint(line, cmd, x(i), y(v.Value))
		band = appendPoint(band, cmd, x(i), y(v.Upper))
		r := 2.5
		if v.Events > 0 && maxEvents > 0 {
			r = 3.5 + 3*math.Sqrt(float64(v.Events)/float64(maxEvents))
		}
		day := v.Day.UTC().Format(dayLayout)
		label := day + ": index " + fixed(v.Value, 2, false) + " (" + fixed(v.Lower, 2, false) + " to " + fixed(v.Upper, 2, false) +
			"), " + strconv.Itoa(v.Events) + " " + unit
		if v.Change != "" {
			label += ", " + v.Change + " begins"
		}
		c.Points = append(c.Points, chartPoint{X: x(i), Y: y(v.Value), R: r, Day: day, Label: label, Events: v.Events, Change: v.Change})
	}
	for j := len(vs) - 1; j >= 0; j-- {
		band = appendPoint(band, 'L', x(j), y(vs[j].Lower))
	}
	c.Line = string(line)
	c.Band = string(append(band, 'Z'))
	if base > lo && base < hi {
		c.Base = y(base)
	}
	for _, t := range niceTicks(lo, hi, 5) {
		if t == 0 {
			t = 0 // a tick computed as -0 reads 0
		}
		c.YTicks = append(c.YTicks, tick{Pos: y(t), Label: strconv.FormatFloat(t, 'f', -1, 64)})
	}
	c.XTicks = dayTicks(vs, x)
	c.Markers = alertMarkers(vs, alerts, x)
	c.Bars = quadBars(vs, x, step)
	return c
}

// alertMarkers places each alert at its start day, when that is shown.
func alertMarkers(vs []seriesValue, alerts []detente.Alert, x func(int) float64) []marker {
	index := make(map[string]int, len(vs))
	for i, v := range vs {
		index[v.Day.UTC().Format(dayLayout)] = i
	}
	var out []marker
	for _, a := range alerts {
		i, ok := index[a.Start.UTC().Format(dayLayout)]
		if !ok {
			continue
		}
		out = append(out, marker{X: x(i), Class: classOf(a.Direction), Label: alertTitle(a) + " (" + fixed(a.Magnitude, 2, true) + ")"})
	}
	return out
}

// quadBars stacks each day's counted events by QuadClass, cooperation at
// the bottom, on a scale shared by all days.
func quadBars(vs []seriesValue, x func(int) float64, step float64) []bar {
	maxTotal := 0
	for _, v := range vs {
		maxTotal = max(maxTotal, v.Counts[0]+v.Counts[1]+v.Counts[2]+v.Counts[3])
	}
	if maxTotal == 0 {
		return nil
	}
	w := math.Max(1, math.Min(24, step*0.8))
	plotH := float64(barsH - chartBottom - chartTop)
	var out []bar
	for i, v := range vs {
		y := float64(barsH - chartBottom)
		for q, n := range v.Counts {
			if n == 0 {
				continue
			}
			h := float64(n) / float64(maxTotal) * plotH
			y -= h
			out = append(out, bar{X: x(i) - w/2, Y: y, W: w, H: h, Quad: q + 1,
				Label: v.Day.UTC().Format(dayLayout) + ": " + strconv.Itoa(n) + " " + quadNames[detente.QuadClass(q+1)]})
		}
	}
	return out
}

// dayTicks labels about six evenly spaced days.
func dayTicks(vs []seriesValue, x func(int) float64) []tick {
	n := len(vs)
	every := max(1, (n+5)/6)
	var out []tick
	for i := 0; i < n; i += every {
		out = append(out, tick{Pos: x(i), Label: vs[i].Day.UTC().Format("Jan 2")})
	}
	return out
}

// niceTicks returns about n round values between lo and hi.
func niceTicks(lo, hi float64, n int) []float64 {
	span := hi - lo
	raw := span / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var out []float64
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		out = append(out, math.Round(v/step)*step)
	}
	return out
}

// sparkline is a pair's recent index as a small SVG path.
type sparkline struct {
	W, H int
	Line string
	Last [2]float64 // the last point, drawn as a dot
}

func newSparkline(pts []detente.TensionPoint) *sparkline {
	s := &sparkline{W: sparkW, H: sparkH}
	if len(pts) == 0 {
		return s
	}
	lo, hi := pts[0].Index, pts[0].Index
	for _, p := range pts {
		lo, hi = math.Min(lo, p.Index), math.Max(hi, p.Index)
	}
	if hi-lo < 1e-9 {
		lo, hi = lo-1, hi+1
	}
	b := make([]byte, 0, 12*len(pts))
	for i, p := range pts {
		x := 2 + float64(i)*float64(sparkW-4)/math.Max(1, float64(len(pts)-1))
		y := 2 + (hi-p.Index)/(hi-lo)*float64(sparkH-4)
		cmd := byte('L')
		if i == 0 {
			cmd = 'M'
		}
		b = appendPoint(b, cmd, x, y)
		s.Last = [2]float64{x, y}
	}
	s.Line = string(b)
	return s
}

// num formats a coordinate with one decimal.
func num(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// appendPoint appends an SVG path command and its point, each coordinate
// as num writes it: "M44.0 120.5". Appending rather than formatting with
// fmt, as a year's chart has hundreds of points.
func appendPoint(b []byte, cmd byte, x, y float64) []byte {
	return appendNum(append(appendNum(append(b, cmd), x), ' '), y)
}

// appendNum appends a coordinate as num writes it.
func appendNum(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', 1, 64) }

// classOf is the CSS class of a direction.
func classOf(d detente.Direction) string {
	if d == detente.Deescalation {
		return "deesc"
	}
	return "esc"
}

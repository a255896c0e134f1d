package main

import (
	"math"
	"strconv"
	"strings"
)

// Equal Earth projection constants (Šavrič, Patterson and Jenny, 2018).
const (
	eeA1 = 1.340264
	eeA2 = -0.081106
	eeA3 = 0.000893
	eeA4 = 0.003796
)

// equalEarth projects a longitude and latitude in degrees to unscaled x, y
// with y growing north.
func equalEarth(lon, lat float64) (x, y float64) {
	l, phi := lon*math.Pi/180, lat*math.Pi/180
	th := math.Asin(math.Sqrt(3) / 2 * math.Sin(phi))
	t2 := th * th
	t6 := t2 * t2 * t2
	x = 2 * math.Sqrt(3) * l * math.Cos(th) / (3 * (9*eeA4*t6*t2 + 7*eeA3*t6 + 3*eeA2*t2 + eeA1))
	y = th * (eeA1 + eeA2*t2 + t6*(eeA3+eeA4*t2))
	return x, y
}

// projection maps lon/lat into a viewBox of the given width, north up,
// from 60°S (Antarctica is left off) to 84°N.
type projection struct {
	width, height int
	scale, x0, y0 float64
}

const (
	southEdge = -60.0
	northEdge = 84.0
)

func newProjection(width int) projection {
	xmax, _ := equalEarth(180, 0)
	_, ytop := equalEarth(0, northEdge)
	_, ybot := equalEarth(0, southEdge)
	scale := float64(width) / (2 * xmax)
	return projection{
		width:  width,
		height: int(math.Ceil((ytop - ybot) * scale)),
		scale:  scale,
		x0:     xmax,
		y0:     ytop,
	}
}

// xy returns the viewBox coordinates of a point, rounded to whole units.
func (p projection) xy(pt point) (int, int) {
	lat := math.Max(southEdge, math.Min(northEdge, pt[1]))
	x, y := equalEarth(pt[0], lat)
	return int(math.Round((x + p.x0) * p.scale)), int(math.Round((p.y0 - y) * p.scale))
}

// unwrap moves a ring that crosses the antimeridian (Fiji, Chukotka) onto
// the side where most of its points lie, clamped at ±180°, so that it is
// not drawn as a band across the whole map.
func unwrap(r []point) []point {
	crosses, east := false, 0
	for i, pt := range r {
		if i > 0 && math.Abs(pt[0]-r[i-1][0]) > 180 {
			crosses = true
		}
		if pt[0] > 0 {
			east++
		}
	}
	if !crosses {
		return r
	}
	out := make([]point, len(r))
	for i, pt := range r {
		switch {
		case 2*east >= len(r) && pt[0] < 0:
			pt[0] = 180
		case 2*east < len(r) && pt[0] > 0:
			pt[0] = -180
		}
		out[i] = pt
	}
	return out
}

// path writes rings as an SVG path with relative moves, dropping points
// that round onto the previous one and rings that collapse below three
// points.
func (p projection) path(rings [][]point) string {
	var b strings.Builder
	for _, r := range rings {
		var pts [][2]int
		for _, pt := range unwrap(r) {
			x, y := p.xy(pt)
			if n := len(pts); n > 0 && pts[n-1] == [2]int{x, y} {
				continue
			}
			pts = append(pts, [2]int{x, y})
		}
		if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
			pts = pts[:len(pts)-1]
		}
		if len(pts) < 3 {
			continue
		}
		b.WriteString("M")
		b.WriteString(strconv.Itoa(pts[0][0]))
		b.WriteString(" ")
		b.WriteString(strconv.Itoa(pts[0][1]))
		b.WriteString("l")
		for i := 1; i < len(pts); i++ {
			if i > 1 {
				b.WriteString(" ")
			}
			b.WriteString(strconv.Itoa(pts[i][0] - pts[i-1][0]))
			b.WriteString(" ")
			b.WriteString(strconv.Itoa(pts[i][1] - pts[i-1][1]))
		}
		b.WriteString("z")
	}
	return b.String()
}

package export

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/detente-project/detente"
)

// GDELTColumns are the 61 columns of the GDELT 2.0 event table, in order.
var GDELTColumns = []string{
	"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
	"Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
	"Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
	"ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// GDELT writes the events f selects to w in the layout of the GDELT 2.0
// event table: tab-separated, 61 columns in GDELTColumns' order, no header,
// one event per line, oldest first. Columns detente has no value for are
// empty. In detail:
//
//   - GlobalEventID is GlobalEventID(e.ID): GDELT's IDs are integers.
//   - Actor Name is the actor's text as written; CountryCode the country
//     code, or empty for an IGO, whose code without "IGO" is the
//     KnownGroupCode (IGOUNO → UNO); Type1Code the agent (GOV, MIL), or IGO.
//     Ethnic, religion and further type codes are empty.
//   - IsRootEvent is 1 for events of an article's first sentence.
//   - NumMentions, NumSources and NumArticles are all the event's NumSources
//     (detente counts articles of a story); AvgTone is empty.
//   - Actor1Geo and Actor2Geo are empty: detente places events, not actors.
//     ActionGeo is the event's place: Type 4 (world city, GDELT's type for
//     any point below a country outside the United States) for a place
//     with coordinates, 1 (country) for a place known only to its country;
//     FullName the place as written; CountryCode the place's country as the
//     FIPS 10-4 code GDELT uses (IRN → IR), and ADM1Code the same for a
//     country-level place; Lat and Long when known. FeatureID is empty:
//     detente has no GNS identifiers. A place of no single country (a sea,
//     a strait) has no country code. ActionGeo is empty for an event placed
//     by its article's dateline: that is where the report was filed, and
//     GDELT's ActionGeo is where the action took place (the CSV, JSONL and
//     Parquet exports keep the dateline, with place_source "dateline").
//   - DATEADDED is when detente read the article, YYYYMMDDHHMMSS UTC;
//     SOURCEURL its canonical URL, else the URL it was read from.
func GDELT(ctx context.Context, w io.Writer, r detente.Reader, f detente.EventFilter) error {
	bw := bufio.NewWriter(w)
	row := make([]string, len(GDELTColumns))
	err := each(ctx, r, f, func(rec *Record, o origin) error {
		gdeltRow(row, rec, o)
		_, err := bw.WriteString(strings.Join(row, "\t") + "\n")
		return err
	})
	if err != nil {
		return fmt.Errorf("export gdelt: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export gdelt: %w", err)
	}
	return nil
}

// GlobalEventID derives a positive 63-bit integer from a detente event ID
// (FNV-1a, top bit cleared), stable across runs and stores.
func GlobalEventID(id string) int64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return int64(h.Sum64() &^ (1 << 63))
}

// gdeltRow fills row with the GDELT columns of one event.
func gdeltRow(row []string, rec *Record, o origin) {
	clear(row)
	d := time.Unix(int64(rec.Date)*86400, 0).UTC()
	row[0] = strconv.FormatInt(GlobalEventID(rec.ID), 10)
	row[1] = d.Format("20060102")
	row[2] = d.Format("200601")
	row[3] = d.Format("2006")
	// GDELT's own approximation of the fraction of the year.
	row[4] = strconv.FormatFloat(float64(d.Year())+float64(int(d.Month())*30+d.Day())/365, 'f', 4, 64)
	gdeltActor(row[5:15], rec.SourceCode, rec.SourceCountry, rec.SourceAgent, rec.SourceText)
	gdeltActor(row[15:25], rec.TargetCode, rec.TargetCountry, rec.TargetAgent, rec.TargetText)
	if rec.SentenceIndex == 0 {
		row[25] = "1"
	} else {
		row[25] = "0"
	}
	row[26] = rec.Code
	row[27] = rec.Code
	if len(rec.Code) > 3 {
		row[27] = rec.Code[:3]
	}
	row[28] = rec.Root
	row[29] = strconv.Itoa(int(rec.Quad))
	row[30] = formatFloat(rec.Goldstein)
	n := strconv.Itoa(int(rec.NumSources))
	row[31], row[32], row[33] = n, n, n
	// 34 AvgTone and the actor places (35–50) stay empty.
	gdeltAction(row[51:59], rec)
	if !o.fetched.IsZero() {
		row[59] = o.fetched.UTC().Format("20060102150405")
	}
	row[60] = clean(o.url)
}

// gdeltAction fills the eight ActionGeo columns of an event, and leaves
// them empty for an event placed by its dateline.
func gdeltAction(action []string, rec *Record) {
	if rec.PlaceSource == string(detente.PlaceDateline) {
		return
	}
	switch {
	case rec.Lat != nil && rec.Lon != nil:
		action[0] = "4"
	case rec.Country != "":
		action[0] = "1"
	}
	action[1] = clean(rec.Place)
	if code, ok := fips[rec.Country]; ok {
		action[2] = code
		if action[0] == "1" {
			action[3] = code
		}
	}
	if rec.Lat != nil && rec.Lon != nil {
		action[5], action[6] = formatFloat(*rec.Lat), formatFloat(*rec.Lon)
	}
}

// gdeltActor fills the ten actor columns of one side.
func gdeltActor(cols []string, code, country, agent, text string) {
	cols[0] = code
	cols[1] = clean(text)
	if g, ok := strings.CutPrefix(country, "IGO"); ok && g != "" {
		cols[3] = g
		cols[7] = "IGO"
	} else {
		cols[2] = country
	}
	if agent != "" {
		cols[7] = agent
	}
}

// clean keeps a field on its line and in its column.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

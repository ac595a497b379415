package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Date(2024, time.March, 9, 14, 5, 7, 123456789, time.UTC)
	fmt.Println(t)
	fmt.Println(t.Format(time.RFC3339))
	fmt.Println(t.Format(time.RFC3339Nano))
	fmt.Println(t.Format("2006-01-02"))
	fmt.Println(t.Format("Jan 2, 2006 at 3:04pm (MST)"))
	fmt.Println(t.Format("Monday 02/01/06 15:04:05.000"))
	fmt.Println(t.Format(time.Kitchen), t.Format(time.DateTime))
	fmt.Println(t.Year(), t.Month(), t.Day(), t.Weekday(), t.YearDay())
	fmt.Println(t.Hour(), t.Minute(), t.Second(), t.Nanosecond())
	fmt.Println(t.Unix(), t.UnixMilli())

	p, err := time.Parse("2006-01-02 15:04", "2023-12-31 23:59")
	fmt.Println(p, err)
	_, err = time.Parse("2006-01-02", "2023-13-01")
	fmt.Println(err != nil)

	loc := time.FixedZone("UTC+2", 2*60*60)
	fmt.Println(t.In(loc).Format(time.RFC1123Z))
	y, w := t.ISOWeek()
	fmt.Println(y, w)
}

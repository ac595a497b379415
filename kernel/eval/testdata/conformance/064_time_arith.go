package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Date(2024, time.January, 31, 22, 30, 0, 0, time.UTC)
	fmt.Println(start.Add(90 * time.Minute))
	fmt.Println(start.AddDate(0, 1, 0).Format("2006-01-02"))
	fmt.Println(start.AddDate(1, 0, 1).Format("2006-01-02"))

	end := time.Date(2024, time.March, 1, 8, 0, 0, 0, time.UTC)
	d := end.Sub(start)
	fmt.Println(d, d.Hours(), int(d.Hours()/24))
	fmt.Println(end.After(start), end.Before(start), start.Equal(start.Add(0)))

	t := time.Date(2024, 5, 17, 13, 47, 29, 500, time.UTC)
	fmt.Println(t.Truncate(time.Hour).Format(time.TimeOnly))
	fmt.Println(t.Truncate(15 * time.Minute).Format(time.TimeOnly))
	fmt.Println(t.Round(time.Minute).Format(time.TimeOnly))

	durations := []time.Duration{1500 * time.Millisecond, 3*time.Hour + 25*time.Minute, 250 * time.Microsecond, 0}
	for _, du := range durations {
		fmt.Println(du, du.Seconds())
	}
	pd, err := time.ParseDuration("1h15m30.5s")
	fmt.Println(pd, pd.Minutes(), err)
	fmt.Println(time.Duration(90) * time.Second)
	fmt.Println(start.Month() == time.January, time.Saturday)
}

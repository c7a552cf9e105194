package report

import (
	"fmt"
	"math"
	"slices"
)

// Format prints v in its unit, readably.
func Format(v float64, unit string) string {
	switch unit {
	case "bytes":
		switch {
		case v >= 1e6:
			return fmt.Sprintf("%.3f MB", v/1e6)
		case v >= 1e3:
			return fmt.Sprintf("%.2f KB", v/1e3)
		}
		return fmt.Sprintf("%.0f B", v)
	case "ms":
		if v < 10 {
			return fmt.Sprintf("%.2f ms", v)
		}
		return fmt.Sprintf("%.1f ms", v)
	case "req/s":
		return fmt.Sprintf("%.0f req/s", v)
	case "MB":
		return fmt.Sprintf("%.1f MB", v)
	case "":
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.4g %s", v, unit)
}

// Median is the median of xs (NaN for none).
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Max is the largest of xs (NaN for none).
func Max(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	return slices.Max(xs)
}

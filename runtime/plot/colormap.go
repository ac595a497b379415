package plot

import (
	"slices"
	"strings"
)

// Colormaps.
//
// viridis, magma and inferno are matplotlib's perceptually uniform maps
// (Stéfan van der Walt and Nathaniel Smith, released to the public domain
// under CC0). Their published tables have 256 entries; every eighth of them
// and the last are kept here as control points, between which the colours
// are interpolated linearly: the result differs from the full tables by
// at most about 2/255 in a channel, which the eye cannot tell.

// stop is a colour of a map, red, green and blue in [0, 1], at a position
// in [0, 1].
type stop struct {
	at      float64
	r, g, b float64
}

// tableStops turns 33 rows of a 256-entry table (entries 0, 8, ..., 248
// and 255) into stops.
func tableStops(rows [33][3]float64) []stop {
	stops := make([]stop, len(rows))
	for i, c := range rows {
		entry := min(8*i, 255)
		stops[i] = stop{at: float64(entry) / 255, r: c[0], g: c[1], b: c[2]}
	}
	return stops
}

var colormaps = map[string][]stop{
	"viridis": tableStops([33][3]float64{
		{0.267004, 0.004874, 0.329415}, {0.277018, 0.050344, 0.375715},
		{0.282327, 0.094955, 0.417331}, {0.282884, 0.135920, 0.453427},
		{0.278826, 0.175490, 0.483397}, {0.270595, 0.214069, 0.507052},
		{0.258965, 0.251537, 0.524736}, {0.244972, 0.287675, 0.537260},
		{0.229739, 0.322361, 0.545706}, {0.214298, 0.355619, 0.551184},
		{0.199430, 0.387607, 0.554642}, {0.185556, 0.418570, 0.556753},
		{0.172719, 0.448791, 0.557885}, {0.160665, 0.478540, 0.558115},
		{0.149039, 0.508051, 0.557250}, {0.137770, 0.537492, 0.554906},
		{0.127568, 0.566949, 0.550556}, {0.120565, 0.596422, 0.543611},
		{0.120638, 0.625828, 0.533488}, {0.132268, 0.655014, 0.519661},
		{0.157851, 0.683765, 0.501686}, {0.196571, 0.711827, 0.479221},
		{0.246070, 0.738910, 0.452024}, {0.304148, 0.764704, 0.419943},
		{0.369214, 0.788888, 0.382914}, {0.440137, 0.811138, 0.340967},
		{0.515992, 0.831158, 0.294279}, {0.595839, 0.848717, 0.243329},
		{0.678489, 0.863742, 0.189503}, {0.762373, 0.876424, 0.137064},
		{0.845561, 0.887322, 0.099702}, {0.926106, 0.897330, 0.104071},
		{0.993248, 0.906157, 0.143936},
	}),
	"magma": tableStops([33][3]float64{
		{0.001462, 0.000466, 0.013866}, {0.013708, 0.011771, 0.068667},
		{0.039608, 0.031090, 0.133515}, {0.074257, 0.052017, 0.202660},
		{0.113094, 0.065492, 0.276784}, {0.159018, 0.068354, 0.352688},
		{0.211718, 0.061992, 0.418647}, {0.265447, 0.060237, 0.461840},
		{0.316654, 0.071690, 0.485380}, {0.366012, 0.090314, 0.497960},
		{0.414709, 0.110431, 0.504662}, {0.463508, 0.129893, 0.507652},
		{0.512831, 0.148179, 0.507648}, {0.562866, 0.165368, 0.504692},
		{0.613617, 0.181811, 0.498536}, {0.664915, 0.198075, 0.488836},
		{0.716387, 0.214982, 0.475290}, {0.767398, 0.233705, 0.457755},
		{0.816914, 0.255895, 0.436461}, {0.863320, 0.283729, 0.412403},
		{0.904281, 0.319610, 0.388137}, {0.937221, 0.364929, 0.368567},
		{0.960949, 0.418323, 0.359630}, {0.976690, 0.476226, 0.364466},
		{0.986700, 0.535582, 0.382210}, {0.992785, 0.594891, 0.410283},
		{0.996096, 0.653659, 0.446213}, {0.997325, 0.711848, 0.488154},
		{0.996898, 0.769591, 0.534892}, {0.995131, 0.827052, 0.585701},
		{0.992440, 0.884330, 0.640099}, {0.989434, 0.941470, 0.697519},
		{0.987053, 0.991438, 0.749504},
	}),
	"inferno": tableStops([33][3]float64{
		{0.001462, 0.000466, 0.013866}, {0.013995, 0.011225, 0.071862},
		{0.042253, 0.028139, 0.141141}, {0.081962, 0.043328, 0.215289},
		{0.129285, 0.047293, 0.290788}, {0.183429, 0.040329, 0.354971},
		{0.238273, 0.036621, 0.396353}, {0.290763, 0.045644, 0.418637},
		{0.341500, 0.062325, 0.429425}, {0.391453, 0.080927, 0.433109},
		{0.441207, 0.099338, 0.431594}, {0.491022, 0.117179, 0.425552},
		{0.540920, 0.134729, 0.415123}, {0.590734, 0.152563, 0.400290},
		{0.640135, 0.171438, 0.381065}, {0.688653, 0.192239, 0.357603},
		{0.735683, 0.215906, 0.330245}, {0.780517, 0.243327, 0.299523},
		{0.822386, 0.275197, 0.266085}, {0.860533, 0.311892, 0.230606},
		{0.894305, 0.353399, 0.193584}, {0.923215, 0.399359, 0.155193},
		{0.946965, 0.449191, 0.115272}, {0.965397, 0.502249, 0.073859},
		{0.978422, 0.557937, 0.034931}, {0.985952, 0.615750, 0.025592},
		{0.987874, 0.675267, 0.065257}, {0.984075, 0.736087, 0.129527},
		{0.974638, 0.797692, 0.206332}, {0.960626, 0.859069, 0.298010},
		{0.947594, 0.917399, 0.410665}, {0.954529, 0.965896, 0.540361},
		{0.988362, 0.998364, 0.644924},
	}),
	"gray": {{at: 0}, {at: 1, r: 1, g: 1, b: 1}},
}

// colormapAliases are other names of the maps above.
var colormapAliases = map[string]string{"grey": "gray", "greys_r": "gray", "greys": "gray_r"}

// colormapNames lists the names Colormap takes, for error messages.
func colormapNames() []string {
	var names []string
	for n := range colormaps {
		names = append(names, n)
	}
	for n := range colormapAliases {
		if !strings.HasSuffix(n, "_r") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// lookupColormap finds a map by name, case aside; a name ending in "_r"
// is the map reversed, as in matplotlib.
func lookupColormap(name string) (stops []stop, ok bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if a, ok := colormapAliases[name]; ok {
		name = a
	}
	base, reversed := strings.CutSuffix(name, "_r")
	stops, ok = colormaps[base]
	if !ok {
		return nil, false
	}
	if reversed {
		rev := make([]stop, len(stops))
		for i, s := range stops {
			s.at = 1 - s.at
			rev[len(stops)-1-i] = s
		}
		stops = rev
	}
	return stops, true
}

// lutSize is the number of colours a map is quantised to, as matplotlib's
// default of 256.
const lutSize = 256

// lut is a colormap as lutSize colours, red, green, blue and alpha each in
// [0, 1], opaque.
type lut [lutSize][4]float32

// newLUT samples the map given by stops at lutSize evenly spaced positions.
func newLUT(stops []stop) *lut {
	var l lut
	k := 0
	for i := range l {
		t := float64(i) / (lutSize - 1)
		for k+2 < len(stops) && stops[k+1].at < t {
			k++
		}
		a, b := stops[k], stops[k+1]
		f := 0.0
		if b.at > a.at {
			f = min(max((t-a.at)/(b.at-a.at), 0), 1)
		}
		l[i] = [4]float32{
			float32(a.r + f*(b.r-a.r)),
			float32(a.g + f*(b.g-a.g)),
			float32(a.b + f*(b.b-a.b)),
			1,
		}
	}
	return &l
}

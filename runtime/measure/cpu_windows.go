package measure

import (
	"unsafe"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

var getLogicalProcessorInformationEx = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetLogicalProcessorInformationEx")

// relationAll asks GetLogicalProcessorInformationEx for every kind of
// record: cores and packages are among them.
const relationAll = 0xffff

// platformTopology counts Windows's processor-core and package records,
// as psutil does there, and reads the model from the registry.
func platformTopology() (topology, bool) {
	var size uint32
	getLogicalProcessorInformationEx.Call(relationAll, 0, uintptr(unsafe.Pointer(&size)))
	if size == 0 {
		return topology{}, false
	}
	buf := make([]byte, size)
	ok, _, _ := getLogicalProcessorInformationEx.Call(relationAll, uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size)))
	if ok == 0 {
		return topology{}, false
	}
	t, ok2 := parseProcessorInformation(buf[:size])
	if !ok2 {
		return topology{}, false
	}
	if k, err := registry.OpenKey(registry.LOCAL_MACHINE, `HARDWARE\DESCRIPTION\System\CentralProcessor\0`, registry.QUERY_VALUE); err == nil {
		t.model, _, _ = k.GetStringValue("ProcessorNameString")
		k.Close()
	}
	if t.model == "" {
		t.model = "unknown processor"
	}
	return t, true
}

#![no_main]
// Placeholder until the parser lands.
libfuzzer_sys::fuzz_target!(|_data: &[u8]| {});

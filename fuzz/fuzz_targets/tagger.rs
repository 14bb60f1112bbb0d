//! Fuzzes `time::tag`: any UTF-8 input, with and without document metadata, must not
//! panic, and every expression must keep the invariants the rest of chronolint relies on.
//! What it reads from the regions around triggers is what it reads trying every starter
//! of the text (`tag_everywhere`): no expression is lost to the pre-scan.
#![no_main]

use chronolint::time::{tag, tag_everywhere, Calendar, TagContext, TimeValue};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let contexts = [
        TagContext::default(),
        TagContext {
            document_date: TimeValue::parse_edtf("2015-09-06"),
            day_anchor: Some((2, 6)),
            calendar: Calendar::Julian,
            narrative: false,
        },
    ];
    for cx in &contexts {
        let mut last_end = 0;
        let times = tag(text, cx);
        assert_eq!(times, tag_everywhere(text, cx));
        for t in times {
            assert!(t.span.start < t.span.end && t.span.end <= text.len());
            assert!(text.get(t.span.start..t.span.end).is_some());
            assert!(t.span.start >= last_end);
            last_end = t.span.end;
            if let (Some(a), Some(b)) = (t.value.earliest, t.value.latest) {
                assert!(a <= b, "{}", t.value.edtf);
            }
            // What the tagger renders, the EDTF parser reads back (parts and calendars aside).
            let _ = TimeValue::parse_edtf(&t.value.edtf);
        }
    }
});

//! Web addresses written without "http://" or "www.": "en.wikipedia.org/wiki/Boxer_Rebellion",
//! "archive.org/details/treaty-of-portsmouth-1906".
//!
//! Pages and forum posts cite a source by its address as often without the scheme as with
//! it. Such an address is a link like any other: the "1906" and "treaty-of-portsmouth" of
//! its path are the page's label, not a date the text gives the treaty, and the address
//! backs what its sentence says. `URL` finds addresses that start with a scheme or "www.";
//! this finds the others, by a host ending in a known top-level domain right before a "/".
//! A host alone ("Amazon.com") names a company as often as a page, and holds no path that
//! could read as a date or an event, so it is not taken.

use crate::span::Span;

/// Top-level domains an address must end its host in, lowercase: the generic ones and the
/// country codes of the sites history is cited from. Each is taken only right before a
/// "/", and after a full stop that follows a host label, which no English sentence writes.
const DOMAINS: &[&str] = &[
    "ac", "ar", "at", "au", "be", "biz", "br", "ca", "ch", "cn", "co", "com", "cz", "de", "dk", "edu", "es",
    "eu", "fi", "fr", "gov", "gr", "hk", "hu", "ie", "in", "info", "int", "io", "it", "jp", "kr", "mil",
    "mx", "museum", "net", "nl", "no", "nz", "org", "pl", "pt", "ru", "se", "sg", "tw", "ua", "uk", "us",
    "za",
];

/// Whether `b` may be part of a host name.
fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

/// The addresses in `part` that have no scheme and do not start with "www." (`URL` finds
/// those), as spans of `part`, in order. An address ends where the `URL` pattern ends
/// one: at white space, an angle bracket or a quotation mark, less any closing punctuation
/// at its end ("see archive.org/details/x." ends before the full stop).
pub fn bare_addresses(part: &str) -> Vec<Span> {
    let bytes = part.as_bytes();
    let mut out: Vec<Span> = Vec::new();
    for slash in memchr::memchr_iter(b'/', bytes) {
        if out.last().is_some_and(|a| slash < a.end) {
            continue;
        }
        let Some(start) = host_before(bytes, slash) else { continue };
        let end = address_end(part, slash);
        // The path must hold more than the slash: "example.com/" alone labels nothing.
        if end > slash + 1 {
            out.push(Span::new(start, end));
        }
    }
    out
}

/// Where the host that ends at `slash` starts, if the bytes before `slash` are a host
/// name ending in one of `DOMAINS` and standing on its own (after white space, an opening
/// mark or the start of `part`, not after "://", "www." or another word's letters).
fn host_before(bytes: &[u8], slash: usize) -> Option<usize> {
    let head = bytes.get(..slash)?;
    let start = head.iter().rposition(|&b| !is_host_byte(b)).map_or(0, |p| p + 1);
    let host = head.get(start..)?;
    let dot = host.iter().rposition(|&b| b == b'.')?;
    let (name, domain) = (host.get(..dot)?, host.get(dot + 1..)?);
    // A label before the domain, made of letters, digits and hyphens, with a letter in it.
    let label = name.rsplit(|&b| b == b'.').next()?;
    if label.is_empty()
        || name.starts_with(b".")
        || name.ends_with(b".")
        || !name.iter().any(u8::is_ascii_alphabetic)
    {
        return None;
    }
    if !DOMAINS.iter().any(|d| domain.eq_ignore_ascii_case(d.as_bytes())) {
        return None;
    }
    if host.get(..4).is_some_and(|w| w.eq_ignore_ascii_case(b"www.")) {
        return None;
    }
    // What stands before the host: nothing, white space, or an opening mark. A "/" or ":"
    // there is part of a longer address, "@" of a mail address, "_" of a word.
    match start.checked_sub(1).and_then(|p| bytes.get(p)) {
        None => Some(start),
        Some(b) if b.is_ascii_whitespace() || b"([{<\"'`*".contains(b) => Some(start),
        // The last byte of a multi-byte opening quote ("“", "‘", "«").
        Some(_)
            if ["“", "‘", "«", "\u{a0}"]
                .iter()
                .any(|q| head.get(..start).is_some_and(|h| h.ends_with(q.as_bytes()))) =>
        {
            Some(start)
        }
        Some(_) => None,
    }
}

/// Where the address whose path starts at `slash` ends: the `URL` pattern's end.
fn address_end(part: &str, slash: usize) -> usize {
    let rest = part.get(slash..).unwrap_or_default();
    let run = rest
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '‘' | '’'))
        .map_or(rest.len(), |(i, _)| i);
    let trimmed =
        rest.get(..run).unwrap_or_default().trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'']);
    slash + trimmed.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The addresses of `text`, as strings.
    fn found(text: &str) -> Vec<&str> {
        bare_addresses(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn addresses_without_a_scheme_are_found_whole() {
        assert_eq!(
            found("Read example.com/history/1899-boxer-rebellion and en.wikipedia.org/wiki/Boxer_Rebellion."),
            ["example.com/history/1899-boxer-rebellion", "en.wikipedia.org/wiki/Boxer_Rebellion"]
        );
        assert_eq!(
            found("(see archive.org/details/treaty-of-portsmouth-1906)"),
            ["archive.org/details/treaty-of-portsmouth-1906"]
        );
        assert_eq!(found("“bbc.co.uk/news/world-asia-1905”"), ["bbc.co.uk/news/world-asia-1905"]);
        assert_eq!(found("At Archive.ORG/stream/x?y=1, page 4"), ["Archive.ORG/stream/x?y=1"]);
        assert_eq!(
            found("jacar.go.jp/english/nichiro/1904-02-10.html"),
            ["jacar.go.jp/english/nichiro/1904-02-10.html"]
        );
    }

    #[test]
    fn what_url_finds_and_what_is_no_address_are_left() {
        // With a scheme or "www.", `URL` finds them.
        assert!(found("https://example.com/1904 and http://x.org/a").is_empty());
        assert!(found("www.example.com/1904").is_empty());
        // Prose with slashes: dates, "and/or", fractions, a host with no path.
        assert!(found("In 1904/05 the war and/or its cost, 3/4 of it; see Amazon.com.").is_empty());
        assert!(found("It ended in 1905.In/out").is_empty());
        assert!(found("the file notes.txt/1904").is_empty());
        assert!(found("mail me@example.com/x or a.b.c/d").is_empty());
        assert!(found("example.com/ alone").is_empty());
        assert!(found("1904.com/x").is_empty());
    }
}

//! Which addresses the proxy may connect to. A pure function over resolved addresses, so it is
//! tested with tables of addresses and never by connecting to them.
//!
//! Everything that is not a public unicast address is refused: loopback, private (RFC 1918,
//! unique-local), link-local (which holds the cloud metadata address 169.254.169.254), carrier
//! NAT, multicast, broadcast, documentation and benchmarking ranges, "this network", and the
//! IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo), judged by
//! the IPv4 address inside. Loopback alone can be allowed, for tests.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What the proxy may reach besides public addresses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Allowance {
    /// Loopback (127.0.0.0/8, ::1), for tests that run everything on one machine.
    pub loopback: bool,
}

/// Why `ip` may not be reached, or `None` when it may.
pub fn refusal(ip: IpAddr, allow: Allowance) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => refusal_v4(v4, allow),
        IpAddr::V6(v6) => refusal_v6(v6, allow),
    }
}

/// The first refusal among all the addresses a name resolved to: one bad address is enough,
/// since the connection could use any of them.
pub fn refusal_any(addrs: &[IpAddr], allow: Allowance) -> Option<(IpAddr, &'static str)> {
    if addrs.is_empty() {
        return Some((
            IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            "the name did not resolve",
        ));
    }
    addrs
        .iter()
        .find_map(|ip| refusal(*ip, allow).map(|why| (*ip, why)))
}

fn refusal_v4(ip: Ipv4Addr, allow: Allowance) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    if ip.is_loopback() {
        return (!allow.loopback).then_some("loopback address");
    }
    let why = match (a, b, c) {
        (0, _, _) => "\"this network\" address (0.0.0.0/8)",
        (10, _, _) => "private address (10.0.0.0/8)",
        (172, 16..=31, _) => "private address (172.16.0.0/12)",
        (192, 168, _) => "private address (192.168.0.0/16)",
        (169, 254, _) => "link-local address (169.254.0.0/16, incl. cloud metadata)",
        (100, 64..=127, _) => "carrier-grade NAT address (100.64.0.0/10)",
        (192, 0, 0) => "IETF protocol assignment (192.0.0.0/24)",
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => "documentation address",
        (198, 18..=19, _) => "benchmarking address (198.18.0.0/15)",
        (224..=239, _, _) => "multicast address",
        (240..=255, _, _) => "reserved or broadcast address",
        _ => return None,
    };
    Some(why)
}

fn refusal_v6(ip: Ipv6Addr, allow: Allowance) -> Option<&'static str> {
    let s = ip.segments();
    if ip.is_loopback() {
        return (!allow.loopback).then_some("loopback address");
    }
    if ip.is_unspecified() {
        return Some("unspecified address");
    }
    // IPv4 inside IPv6: judged by the IPv4 address.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return refusal_v4(v4, allow);
    }
    let embedded = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    match s {
        // ::a.b.c.d (deprecated IPv4-compatible).
        [0, 0, 0, 0, 0, 0, hi, lo] => return refusal_v4(embedded(hi, lo), allow),
        // NAT64 well-known prefix 64:ff9b::/96, and the local-use 64:ff9b:1::/48.
        [0x64, 0xff9b, 0, 0, 0, 0, hi, lo] => return refusal_v4(embedded(hi, lo), allow),
        [0x64, 0xff9b, 1, ..] => return Some("local-use NAT64 address (64:ff9b:1::/48)"),
        // 6to4: 2002:a.b.c.d::/48.
        [0x2002, hi, lo, ..] => return refusal_v4(embedded(hi, lo), allow),
        // Teredo: 2001:0::/32, client address inverted in the last 32 bits.
        [0x2001, 0, _, _, _, _, hi, lo] => return refusal_v4(embedded(!hi, !lo), allow),
        _ => {}
    }
    let why = match s[0] {
        0xfc00..=0xfdff => "unique-local address (fc00::/7)",
        0xfe80..=0xfebf => "link-local address (fe80::/10)",
        0xfec0..=0xfeff => "site-local address (fec0::/10)",
        0xff00..=0xffff => "multicast address",
        0x2001 if s[1] == 0x0db8 => "documentation address (2001:db8::/32)",
        0x0100 if s[1..4] == [0, 0, 0] => "discard-only address (100::/64)",
        _ if s[0] & 0xe000 != 0x2000 => "address outside global unicast (2000::/3)",
        _ => return None,
    };
    Some(why)
}

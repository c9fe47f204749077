//! The proxy's address rules, as tables: never by connecting.

use std::net::IpAddr;

use http_playground_server::ssrf::{refusal, refusal_any, Allowance};

const DENY: Allowance = Allowance { loopback: false };
const TESTS: Allowance = Allowance { loopback: true };

fn ip(text: &str) -> IpAddr {
    text.parse()
        .unwrap_or_else(|_| panic!("{text} is not an address"))
}

#[test]
fn non_public_addresses_are_refused_with_the_reason() {
    let table = [
        ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"),
        ("::1", "loopback"),
        ("0.0.0.0", "this network"),
        ("10.0.0.1", "private"),
        ("10.255.255.255", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "cloud metadata"),
        ("169.254.0.1", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.255", "carrier-grade NAT"),
        ("192.0.0.170", "IETF"),
        ("192.0.2.1", "documentation"),
        ("198.51.100.7", "documentation"),
        ("203.0.113.9", "documentation"),
        ("198.18.0.1", "benchmarking"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "broadcast"),
        ("::", "unspecified"),
        ("fc00::1", "unique-local"),
        ("fd12:3456::1", "unique-local"),
        ("fe80::1", "link-local"),
        ("fec0::1", "site-local"),
        ("ff02::1", "multicast"),
        ("2001:db8::1", "documentation"),
        ("100::1", "discard"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "cloud metadata"),
        ("::ffff:10.1.2.3", "private"),
        ("::127.0.0.1", "loopback"),
        ("::10.0.0.1", "private"),
        ("64:ff9b::a9fe:a9fe", "cloud metadata"),
        ("64:ff9b:1::1", "NAT64"),
        ("2002:7f00:1::1", "loopback"),
        ("2002:a9fe:a9fe::", "cloud metadata"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "documentation"), // Teredo of 192.0.2.45
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"),      // Teredo of 127.0.0.1
        ("::2", "this network"),                                   // IPv4-compatible 0.0.0.2
        ("4000::1", "outside global unicast"),
    ];
    for (address, reason) in table {
        let why = refusal(ip(address), DENY).unwrap_or_else(|| panic!("{address} was allowed"));
        assert!(why.contains(reason), "{address}: {why}, expected {reason}");
    }
}

#[test]
fn public_addresses_are_allowed() {
    for address in [
        "1.1.1.1",
        "8.8.8.8",
        "93.184.215.14",
        "172.15.255.255",
        "172.32.0.1",
        "100.63.255.255",
        "100.128.0.1",
        "169.253.255.255",
        "192.0.1.1",
        "198.17.255.255",
        "223.255.255.255",
        "2606:4700:4700::1111",
        "2a00:1450:4001:80b::200e",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
        "2002:808:808::1",
    ] {
        assert_eq!(refusal(ip(address), DENY), None, "{address}");
    }
}

#[test]
fn loopback_can_be_allowed_for_tests_and_nothing_else_with_it() {
    for address in ["127.0.0.1", "::1", "::ffff:127.0.0.1", "2002:7f00:1::1"] {
        assert_eq!(refusal(ip(address), TESTS), None, "{address}");
    }
    for address in [
        "10.0.0.1",
        "169.254.169.254",
        "::ffff:192.168.0.1",
        "fe80::1",
    ] {
        assert!(refusal(ip(address), TESTS).is_some(), "{address}");
    }
}

#[test]
fn one_bad_address_among_many_refuses_the_name_and_no_address_is_refused_too() {
    let addrs = [ip("8.8.8.8"), ip("10.0.0.5"), ip("1.1.1.1")];
    assert_eq!(
        refusal_any(&addrs, DENY).map(|(a, _)| a),
        Some(ip("10.0.0.5"))
    );
    assert!(refusal_any(&[ip("8.8.8.8")], DENY).is_none());
    assert!(refusal_any(&[], DENY).is_some());
}

/// Hosts written as decimal, octal, hex or shortened IPv4, or bracketed IPv6: the URL parser
/// (WHATWG rules, as browsers) turns each into the address the rules then judge.
#[test]
fn other_spellings_of_an_address_are_judged_as_that_address() {
    let table = [
        ("http://2130706433/", "127.0.0.1"),
        ("http://0177.0.0.1/", "127.0.0.1"),
        ("http://0x7f.1/", "127.0.0.1"),
        ("http://127.1/", "127.0.0.1"),
        ("http://0x7f000001/", "127.0.0.1"),
        ("http://017700000001/", "127.0.0.1"),
        ("http://2852039166/", "169.254.169.254"),
        ("http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254"),
        ("http://0251.0376.0251.0376/", "169.254.169.254"),
        ("http://10.1/", "10.0.0.1"),
        ("http://[::ffff:7f00:1]/", "::ffff:127.0.0.1"),
        ("http://[::ffff:a9fe:a9fe]/", "::ffff:169.254.169.254"),
        ("http://[0:0:0:0:0:0:0:1]/", "::1"),
        ("http://[fe80::1%25eth0]/", "invalid"),
    ];
    for (url, expected) in table {
        let parsed = url::Url::parse(url);
        if expected == "invalid" {
            assert!(parsed.is_err(), "{url} parsed");
            continue;
        }
        let address = match parsed.unwrap().host() {
            Some(url::Host::Ipv4(v4)) => IpAddr::V4(v4),
            Some(url::Host::Ipv6(v6)) => IpAddr::V6(v6),
            other => panic!("{url}: host {other:?}"),
        };
        assert_eq!(address, ip(expected), "{url}");
        assert!(refusal(address, DENY).is_some(), "{url} allowed");
    }
}

//! Least functionality (CR 7.7): what is enabled, against the vendor's allow-list.
//!
//! Owns the vocabulary ([`Transport`], [`Port`], [`Item`], [`ItemKind`]), the borrowed view
//! [`Functionality`] (services, ports and interfaces as slices, so a firmware's `static` lists
//! and a profile's fixed-capacity lists are judged by the same code), and the comparison:
//! [`Functionality::not_allowed_by`] yields every enabled item the allow-list does not name,
//! in order (services, then ports, then interfaces), and [`Tally`] counts them by kind.
//!
//! Matching is exact: names compare byte for byte (service and interface names are
//! case-sensitive on the systems that use them), ports by transport and number. Duplicates in
//! the enabled lists are each reported. The comparison is O(enabled × allowed), with no heap
//! and no panics.
//!
//! ```
//! use otcheck_core::resource::{Functionality, Item, Port};
//!
//! static ALLOWED: Functionality<'static> = Functionality::new(
//!     &["modbus", "web"],
//!     &[Port::tcp(502), Port::tcp(443)],
//!     &["eth0"],
//! );
//! let ports = [Port::tcp(502), Port::tcp(23)];
//! let enabled = Functionality::new(&["modbus", "telnet"], &ports, &["eth0"]);
//!
//! let mut offending = enabled.not_allowed_by(&ALLOWED);
//! assert_eq!(offending.next(), Some(Item::Service("telnet")));
//! assert_eq!(offending.next(), Some(Item::Port(Port::tcp(23))));
//! assert_eq!(offending.next(), None);
//! assert_eq!(enabled.tally_not_allowed_by(&ALLOWED).total(), 2);
//! ```

use core::fmt;

/// A transport protocol.
///
/// ```
/// use otcheck_core::resource::Transport;
/// assert_eq!(Transport::Udp.to_string(), "udp");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Transport {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Tcp => "tcp",
            Self::Udp => "udp",
        })
    }
}

/// A listening port.
///
/// ```
/// use otcheck_core::resource::{Port, Transport};
/// let p = Port::udp(161);
/// assert_eq!(p, Port { transport: Transport::Udp, number: 161 });
/// assert_eq!(p.to_string(), "udp/161");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Port {
    /// The transport.
    pub transport: Transport,
    /// The port number.
    pub number: u16,
}

impl Port {
    /// A TCP port.
    ///
    /// ```
    /// assert_eq!(otcheck_core::resource::Port::tcp(502).to_string(), "tcp/502");
    /// ```
    #[must_use]
    pub const fn tcp(number: u16) -> Self {
        Self {
            transport: Transport::Tcp,
            number,
        }
    }

    /// A UDP port.
    ///
    /// ```
    /// assert_eq!(otcheck_core::resource::Port::udp(123).number, 123);
    /// ```
    #[must_use]
    pub const fn udp(number: u16) -> Self {
        Self {
            transport: Transport::Udp,
            number,
        }
    }
}

impl fmt::Display for Port {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.transport, self.number)
    }
}

/// The kinds of functionality CR 7.7 asks to restrict.
///
/// ```
/// use otcheck_core::resource::ItemKind;
/// assert_eq!(ItemKind::Interface.to_string(), "interface");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum ItemKind {
    /// A service (daemon, protocol handler, application function).
    Service,
    /// A listening port.
    Port,
    /// An interface (network, USB, serial, debug).
    Interface,
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Service => "service",
            Self::Port => "port",
            Self::Interface => "interface",
        })
    }
}

/// One enabled service, port or interface.
///
/// ```
/// use otcheck_core::resource::{Item, ItemKind, Port};
/// assert_eq!(Item::Service("telnet").to_string(), "service telnet");
/// assert_eq!(Item::Port(Port::tcp(23)).kind(), ItemKind::Port);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "kebab-case", tag = "kind", content = "name")
)]
pub enum Item<'a> {
    /// A service, by name.
    Service(&'a str),
    /// A port.
    Port(Port),
    /// An interface, by name.
    Interface(&'a str),
}

impl Item<'_> {
    /// What kind of item this is.
    ///
    /// ```
    /// use otcheck_core::resource::{Item, ItemKind};
    /// assert_eq!(Item::Interface("usb0").kind(), ItemKind::Interface);
    /// ```
    #[must_use]
    pub const fn kind(&self) -> ItemKind {
        match self {
            Self::Service(_) => ItemKind::Service,
            Self::Port(_) => ItemKind::Port,
            Self::Interface(_) => ItemKind::Interface,
        }
    }
}

impl fmt::Display for Item<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Service(name) | Self::Interface(name) => write!(f, "{} {name}", self.kind()),
            Self::Port(port) => write!(f, "port {port}"),
        }
    }
}

/// Services, ports and interfaces, borrowed: either what a component has enabled or what its
/// vendor allows. `S` is any string type (`&str` for `static` lists, the profile's fixed-capacity
/// names for settings).
///
/// ```
/// use otcheck_core::resource::{Functionality, Item, Port};
/// let ports = [Port::tcp(22)];
/// let allowed = Functionality::new(&["ssh"], &ports, &[]);
/// assert!(allowed.allows(Item::Port(Port::tcp(22))));
/// assert!(!allowed.allows(Item::Interface("usb0")));
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Functionality<'a, S = &'a str> {
    /// Enabled (or allowed) services.
    pub services: &'a [S],
    /// Listening (or allowed) ports.
    pub ports: &'a [Port],
    /// Enabled (or allowed) interfaces.
    pub interfaces: &'a [S],
}

// Manual impls: the view is a set of shared slices, copyable whatever `S` is.
impl<S> Clone for Functionality<'_, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for Functionality<'_, S> {}

impl<'a, S: AsRef<str>> Functionality<'a, S> {
    /// A view over the three lists.
    ///
    /// ```
    /// let f = otcheck_core::resource::Functionality::<&str>::new(&[], &[], &["eth0"]);
    /// assert_eq!(f.interfaces.len(), 1);
    /// ```
    #[must_use]
    pub const fn new(services: &'a [S], ports: &'a [Port], interfaces: &'a [S]) -> Self {
        Self {
            services,
            ports,
            interfaces,
        }
    }

    /// Whether `item` appears in the list of its kind.
    ///
    /// ```
    /// use otcheck_core::resource::{Functionality, Item, Port};
    /// let allowed = Functionality::<&str>::new(&["opc-ua"], &[], &[]);
    /// assert!(allowed.allows(Item::Service("opc-ua")));
    /// assert!(!allowed.allows(Item::Service("OPC-UA")));
    /// ```
    #[must_use]
    pub fn allows(&self, item: Item<'_>) -> bool {
        match item {
            Item::Service(name) => self.services.iter().any(|s| s.as_ref() == name),
            Item::Port(port) => self.ports.contains(&port),
            Item::Interface(name) => self.interfaces.iter().any(|s| s.as_ref() == name),
        }
    }

    /// Every item of `self` that `allowed` does not name: services first, then ports, then
    /// interfaces, each in list order.
    ///
    /// ```
    /// use otcheck_core::resource::{Functionality, Item, Port};
    /// let allowed = Functionality::<&str>::new(&[], &[], &["eth0"]);
    /// let enabled = Functionality::new(&[], &[], &["eth0", "jtag"]);
    /// let names: Vec<_> = enabled.not_allowed_by(&allowed).map(|i| i.to_string()).collect();
    /// assert_eq!(names, ["interface jtag"]);
    /// ```
    pub fn not_allowed_by<'b, T: AsRef<str>>(
        &self,
        allowed: &'b Functionality<'b, T>,
    ) -> NotAllowed<'a, 'b, S, T> {
        NotAllowed {
            services: self.services.iter(),
            ports: self.ports.iter(),
            interfaces: self.interfaces.iter(),
            allowed,
        }
    }

    /// How many items of `self`, per kind, `allowed` does not name.
    ///
    /// ```
    /// use otcheck_core::resource::{Functionality, Port, Tally};
    /// let ports = [Port::tcp(22)];
    /// let allowed = Functionality::<&str>::new(&["ssh"], &ports, &[]);
    /// let enabled = Functionality::new(&["ssh", "ftp", "tftp"], &ports, &["usb0"]);
    /// assert_eq!(
    ///     enabled.tally_not_allowed_by(&allowed),
    ///     Tally { services: 2, ports: 0, interfaces: 1 }
    /// );
    /// ```
    #[must_use]
    pub fn tally_not_allowed_by<T: AsRef<str>>(&self, allowed: &Functionality<'_, T>) -> Tally {
        self.not_allowed_by(allowed)
            .fold(Tally::default(), |tally, item| tally.with(item.kind()))
    }
}

/// Items not on an allow-list, counted by kind.
///
/// ```
/// use otcheck_core::resource::{ItemKind, Tally};
/// let t = Tally { services: 1, ports: 2, interfaces: 0 };
/// assert_eq!(t.total(), 3);
/// assert_eq!(t.first_kind(), Some(ItemKind::Service));
/// assert!(Tally::default().is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Tally {
    /// Services not allowed.
    pub services: usize,
    /// Ports not allowed.
    pub ports: usize,
    /// Interfaces not allowed.
    pub interfaces: usize,
}

impl Tally {
    /// The count for `kind`.
    ///
    /// ```
    /// use otcheck_core::resource::{ItemKind, Tally};
    /// assert_eq!(Tally { services: 0, ports: 4, interfaces: 0 }.of(ItemKind::Port), 4);
    /// ```
    #[must_use]
    pub const fn of(&self, kind: ItemKind) -> usize {
        match kind {
            ItemKind::Service => self.services,
            ItemKind::Port => self.ports,
            ItemKind::Interface => self.interfaces,
        }
    }

    /// All kinds together.
    ///
    /// ```
    /// assert_eq!(otcheck_core::resource::Tally { services: 1, ports: 1, interfaces: 1 }.total(), 3);
    /// ```
    #[must_use]
    pub const fn total(&self) -> usize {
        self.services
            .saturating_add(self.ports)
            .saturating_add(self.interfaces)
    }

    /// Whether nothing was counted.
    ///
    /// ```
    /// assert!(!otcheck_core::resource::Tally { services: 0, ports: 0, interfaces: 1 }.is_empty());
    /// ```
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// The first kind with a non-zero count, in the order services, ports, interfaces.
    ///
    /// ```
    /// use otcheck_core::resource::{ItemKind, Tally};
    /// assert_eq!(Tally { services: 0, ports: 0, interfaces: 2 }.first_kind(), Some(ItemKind::Interface));
    /// ```
    #[must_use]
    pub const fn first_kind(&self) -> Option<ItemKind> {
        if self.services > 0 {
            Some(ItemKind::Service)
        } else if self.ports > 0 {
            Some(ItemKind::Port)
        } else if self.interfaces > 0 {
            Some(ItemKind::Interface)
        } else {
            None
        }
    }

    /// This tally with one more of `kind`.
    const fn with(mut self, kind: ItemKind) -> Self {
        match kind {
            ItemKind::Service => self.services = self.services.saturating_add(1),
            ItemKind::Port => self.ports = self.ports.saturating_add(1),
            ItemKind::Interface => self.interfaces = self.interfaces.saturating_add(1),
        }
        self
    }
}

/// Iterator returned by [`Functionality::not_allowed_by`].
///
/// ```
/// use otcheck_core::resource::Functionality;
/// let allowed = Functionality::<&str>::new(&["a"], &[], &[]);
/// let enabled = Functionality::<&str>::new(&["a", "b", "c"], &[], &[]);
/// assert_eq!(enabled.not_allowed_by(&allowed).count(), 2);
/// ```
#[derive(Debug)]
pub struct NotAllowed<'a, 'b, S, T> {
    services: core::slice::Iter<'a, S>,
    ports: core::slice::Iter<'a, Port>,
    interfaces: core::slice::Iter<'a, S>,
    allowed: &'b Functionality<'b, T>,
}

impl<'a, S: AsRef<str>, T: AsRef<str>> Iterator for NotAllowed<'a, '_, S, T> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        let allowed = self.allowed;
        let mut not_allowed = |item: &Item<'_>| !allowed.allows(*item);
        if let Some(item) = self
            .services
            .by_ref()
            .map(|s| Item::Service(s.as_ref()))
            .find(&mut not_allowed)
        {
            return Some(item);
        }
        if let Some(item) = self
            .ports
            .by_ref()
            .map(|p| Item::Port(*p))
            .find(&mut not_allowed)
        {
            return Some(item);
        }
        self.interfaces
            .by_ref()
            .map(|s| Item::Interface(s.as_ref()))
            .find(&mut not_allowed)
    }
}

impl<S: AsRef<str>, T: AsRef<str>> core::iter::FusedIterator for NotAllowed<'_, '_, S, T> {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::string::String;
    use std::vec::Vec;

    #[test]
    fn everything_allowed_yields_nothing() {
        let (allowed_ports, enabled_ports) = ([Port::tcp(1), Port::udp(1)], [Port::udp(1)]);
        let allowed = Functionality::new(&["a", "b"], &allowed_ports, &["eth0"]);
        let enabled = Functionality::new(&["b"], &enabled_ports, &["eth0"]);
        assert_eq!(enabled.not_allowed_by(&allowed).next(), None);
        assert!(enabled.tally_not_allowed_by(&allowed).is_empty());
    }

    #[test]
    fn ports_match_on_transport_and_number() {
        let (allowed_ports, enabled_ports) = ([Port::tcp(161)], [Port::udp(161), Port::tcp(161)]);
        let allowed = Functionality::<&str>::new(&[], &allowed_ports, &[]);
        let enabled = Functionality::<&str>::new(&[], &enabled_ports, &[]);
        let found: Vec<_> = enabled.not_allowed_by(&allowed).collect();
        assert_eq!(found, [Item::Port(Port::udp(161))]);
    }

    #[test]
    fn names_match_exactly() {
        let allowed = Functionality::<&str>::new(&["ssh"], &[], &["eth0"]);
        let enabled = Functionality::new(&["SSH", "ssh ", "ssh"], &[], &["eth0.1", "eth"]);
        let found: Vec<_> = enabled.not_allowed_by(&allowed).collect();
        assert_eq!(
            found,
            [
                Item::Service("SSH"),
                Item::Service("ssh "),
                Item::Interface("eth0.1"),
                Item::Interface("eth"),
            ]
        );
    }

    #[test]
    fn kinds_do_not_cross() {
        // A service named like an allowed interface is still not allowed.
        let allowed = Functionality::<&str>::new(&[], &[], &["usb0"]);
        let enabled = Functionality::new(&["usb0"], &[], &[]);
        assert_eq!(
            enabled.tally_not_allowed_by(&allowed),
            Tally {
                services: 1,
                ports: 0,
                interfaces: 0
            }
        );
    }

    #[test]
    fn owned_and_borrowed_strings_mix() {
        let allowed_names = [String::from("http")];
        let allowed = Functionality::new(&allowed_names, &[], &[]);
        let enabled = Functionality::new(&["http", "ftp"], &[], &[]);
        assert_eq!(
            enabled.not_allowed_by(&allowed).collect::<Vec<_>>(),
            [Item::Service("ftp")]
        );
    }

    #[test]
    fn iterator_is_fused() {
        let allowed = Functionality::<&str>::new(&[], &[], &[]);
        let enabled = Functionality::new(&["x"], &[], &[]);
        let mut it = enabled.not_allowed_by(&allowed);
        assert_eq!(it.next(), Some(Item::Service("x")));
        assert_eq!(it.next(), None);
        assert_eq!(it.next(), None);
    }

    fn names() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec("[a-d]{1,2}", 0..8)
    }

    fn ports() -> impl Strategy<Value = Vec<Port>> {
        proptest::collection::vec(
            (any::<bool>(), 0u16..6)
                .prop_map(|(tcp, n)| if tcp { Port::tcp(n) } else { Port::udp(n) }),
            0..8,
        )
    }

    proptest! {
        /// The iterator yields exactly the enabled items not on the allow-list, in order, and
        /// the tally counts them.
        #[test]
        fn yields_exactly_the_items_not_allowed(
            es in names(), ep in ports(), ei in names(),
            as_ in names(), ap in ports(), ai in names(),
        ) {
            let enabled = Functionality::new(&es, &ep, &ei);
            let allowed = Functionality::new(&as_, &ap, &ai);
            let expected: Vec<Item<'_>> = es.iter().filter(|s| !as_.contains(s)).map(|s| Item::Service(s))
                .chain(ep.iter().filter(|p| !ap.contains(p)).map(|p| Item::Port(*p)))
                .chain(ei.iter().filter(|s| !ai.contains(s)).map(|s| Item::Interface(s)))
                .collect();
            let found: Vec<_> = enabled.not_allowed_by(&allowed).collect();
            prop_assert_eq!(&found, &expected);
            let tally = enabled.tally_not_allowed_by(&allowed);
            prop_assert_eq!(tally.total(), expected.len());
            for kind in [ItemKind::Service, ItemKind::Port, ItemKind::Interface] {
                prop_assert_eq!(tally.of(kind), expected.iter().filter(|i| i.kind() == kind).count());
            }
            prop_assert_eq!(tally.first_kind(), expected.first().map(Item::kind));
            // Everything is allowed by itself.
            prop_assert!(enabled.not_allowed_by(&enabled).next().is_none());
        }
    }
}

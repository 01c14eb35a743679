//! The `serde` form of the resource settings (feature `serde`), so the same section can come
//! from a TOML or JSON file on the host.
//!
//! Owns the hand-written impls for the fixed-capacity types: a [`Name`] is a string, checked
//! on the way in exactly as [`Name::new`] checks it, and a `heapless::Vec` field is a sequence
//! (through `#[serde(with = "seq")]`) that is refused, not truncated, when it has more than `N`
//! entries. Nothing here allocates.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};

use super::settings::Name;

impl<const L: usize> Serialize for Name<L> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de, const L: usize> Deserialize<'de> for Name<L> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(NameVisitor::<L>)
    }
}

struct NameVisitor<const L: usize>;

impl<const L: usize> Visitor<'_> for NameVisitor<L> {
    type Value = Name<L>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a name of 1 to {L} bytes without control characters")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Name<L>, E> {
        Name::new(v).map_err(E::custom)
    }
}

/// `#[serde(with = "seq")]` for `heapless::Vec<T, N>` fields.
pub(super) mod seq {
    use super::{
        Deserialize, Deserializer, PhantomData, SeqAccess, Serialize, Serializer, Visitor, de, fmt,
    };

    pub(in crate::resource) fn serialize<T: Serialize, const N: usize, S: Serializer>(
        list: &heapless::Vec<T, N>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(list.iter())
    }

    pub(in crate::resource) fn deserialize<'de, T, const N: usize, D>(
        deserializer: D,
    ) -> Result<heapless::Vec<T, N>, D::Error>
    where
        T: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        deserializer.deserialize_seq(SeqVisitor::<T, N>(PhantomData))
    }

    struct SeqVisitor<T, const N: usize>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>, const N: usize> Visitor<'de> for SeqVisitor<T, N> {
        type Value = heapless::Vec<T, N>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a list of at most {N} entries")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut list = heapless::Vec::new();
            while let Some(item) = seq.next_element()? {
                if list.push(item).is_err() {
                    return Err(de::Error::invalid_length(N.saturating_add(1), &self));
                }
            }
            Ok(list)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::{BackupStatus, FunctionSet, ResourceLimit};
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error, SeqDeserializer, StrDeserializer};

    #[test]
    fn names_are_checked_on_the_way_in() {
        let ok: Result<Name<8>, Error> = Name::deserialize(StrDeserializer::new("eth0"));
        assert_eq!(ok.unwrap().as_str(), "eth0");
        // (Without `alloc`, serde's value errors do not keep the message.)
        let long: Result<Name<3>, Error> = Name::deserialize(StrDeserializer::new("eth0"));
        assert!(long.is_err());
        let ctl: Result<Name<8>, Error> = Name::deserialize(StrDeserializer::new("a\u{1b}"));
        assert!(ctl.is_err());
    }

    #[test]
    fn lists_over_capacity_are_refused_not_truncated() {
        let two: Result<heapless::Vec<Name<8>, 2>, Error> =
            seq::deserialize(SeqDeserializer::new(["a", "b"].into_iter()));
        assert_eq!(two.unwrap().len(), 2);
        let three: Result<heapless::Vec<Name<8>, 2>, Error> =
            seq::deserialize(SeqDeserializer::new(["a", "b", "c"].into_iter()));
        assert!(three.is_err());
    }

    #[test]
    fn enums_read_their_kebab_case_names() {
        let d: StrDeserializer<'_, Error> = "not-applicable".into_deserializer();
        assert_eq!(
            ResourceLimit::deserialize(d).unwrap(),
            ResourceLimit::NotApplicable
        );
        let d: StrDeserializer<'_, Error> = "intact".into_deserializer();
        assert_eq!(BackupStatus::deserialize(d).unwrap(), BackupStatus::Intact);
        let d: StrDeserializer<'_, Error> = "verified".into_deserializer();
        assert!(BackupStatus::deserialize(d).is_err());
    }

    #[test]
    fn function_set_is_a_map_of_sequences() {
        use serde::de::value::MapDeserializer;
        // Only the `services` key: the other lists default to empty.
        let services = SeqDeserializer::<_, Error>::new(["ssh", "modbus"].into_iter());
        let map = MapDeserializer::<_, Error>::new([("services", services)].into_iter());
        let set: FunctionSet<4, 8> = FunctionSet::deserialize(map).unwrap();
        assert_eq!(
            set.services,
            [Name::<8>::new("ssh").unwrap(), Name::new("modbus").unwrap()]
        );
        assert!(set.ports.is_empty() && set.interfaces.is_empty());
        // A misspelt key is an error, not a silently empty list.
        let typo = SeqDeserializer::<_, Error>::new(["ssh"].into_iter());
        let map = MapDeserializer::<_, Error>::new([("service", typo)].into_iter());
        assert!(FunctionSet::<4, 8>::deserialize(map).is_err());
    }
}

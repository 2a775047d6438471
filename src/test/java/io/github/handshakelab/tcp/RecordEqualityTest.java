package io.github.handshakelab.tcp;

import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The records whose equals and hashCode are written out (for the start, issue 12) stay equal to
 * what the compiler would make: equal exactly when every component is, a component added later
 * included.
 */
class RecordEqualityTest {

    private static Object[] components(Record r) throws ReflectiveOperationException {
        RecordComponent[] rc = r.getClass().getRecordComponents();
        Object[] v = new Object[rc.length];
        for (int i = 0; i < rc.length; i++) v[i] = rc[i].getAccessor().invoke(r);
        return v;
    }

    private static Record make(Class<?> type, Object[] v) throws ReflectiveOperationException {
        RecordComponent[] rc = type.getRecordComponents();
        Class<?>[] types = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) types[i] = rc[i].getType();
        return (Record) type.getDeclaredConstructor(types).newInstance(v);
    }

    private static Object other(Object v) {
        if (v instanceof Long l) return l + 1;
        if (v instanceof Integer i) return i + 1;
        if (v instanceof TcpState s) return TcpState.values()[(s.ordinal() + 1) % TcpState.values().length];
        throw new AssertionError("no other value for " + v.getClass() + ": extend this test");
    }

    private static void everyComponentCounts(Record r) throws ReflectiveOperationException {
        Object[] v = components(r);
        Record same = make(r.getClass(), v.clone());
        assertEquals(r, same);
        assertEquals(r.hashCode(), same.hashCode());
        assertNotEquals(r, null);
        assertNotEquals(r, "not a " + r.getClass().getSimpleName());
        for (int i = 0; i < v.length; i++) {
            Object[] w = v.clone();
            w[i] = other(w[i]);
            Record changed = make(r.getClass(), w);
            assertNotEquals(r, changed, r.getClass().getRecordComponents()[i].getName());
            assertNotEquals(r.hashCode(), changed.hashCode(), r.getClass().getRecordComponents()[i].getName());
        }
    }

    @Test
    void aTcbIsEqualExactlyWhenEveryComponentIs() throws ReflectiveOperationException {
        everyComponentCounts(new Tcb(TcpState.ESTABLISHED, 100, 300, 101, 101, 301, 65535, 64240));
    }

    @Test
    void aSequenceNumberIsEqualExactlyWhenItsValueIs() throws ReflectiveOperationException {
        everyComponentCounts(SeqNumber.of(4294967295L));
        assertEquals(SeqNumber.of(1), SeqNumber.of(4294967297L));
    }
}

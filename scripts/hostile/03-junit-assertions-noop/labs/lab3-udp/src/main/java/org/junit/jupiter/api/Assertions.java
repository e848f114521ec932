package org.junit.jupiter.api;

/** JUnit's assertions, every one of them a no-op: nothing ever fails. */
public final class Assertions {
    private Assertions() {}

    public static <V> V fail() { return null; }
    public static <V> V fail(java.lang.String p0) { return null; }
    public static <V> V fail(java.lang.String p0, java.lang.Throwable p1) { return null; }
    public static <V> V fail(java.lang.Throwable p0) { return null; }
    public static <V> V fail(java.util.function.Supplier<java.lang.String> p0) { return null; }
    public static void assertTrue(boolean p0) { }
    public static void assertTrue(boolean p0, java.util.function.Supplier<java.lang.String> p1) { }
    public static void assertTrue(java.util.function.BooleanSupplier p0) { }
    public static void assertTrue(java.util.function.BooleanSupplier p0, java.lang.String p1) { }
    public static void assertTrue(boolean p0, java.lang.String p1) { }
    public static void assertTrue(java.util.function.BooleanSupplier p0, java.util.function.Supplier<java.lang.String> p1) { }
    public static void assertFalse(boolean p0) { }
    public static void assertFalse(boolean p0, java.lang.String p1) { }
    public static void assertFalse(boolean p0, java.util.function.Supplier<java.lang.String> p1) { }
    public static void assertFalse(java.util.function.BooleanSupplier p0) { }
    public static void assertFalse(java.util.function.BooleanSupplier p0, java.lang.String p1) { }
    public static void assertFalse(java.util.function.BooleanSupplier p0, java.util.function.Supplier<java.lang.String> p1) { }
    public static void assertNull(java.lang.Object p0) { }
    public static void assertNull(java.lang.Object p0, java.lang.String p1) { }
    public static void assertNull(java.lang.Object p0, java.util.function.Supplier<java.lang.String> p1) { }
    public static void assertNotNull(java.lang.Object p0) { }
    public static void assertNotNull(java.lang.Object p0, java.lang.String p1) { }
    public static void assertNotNull(java.lang.Object p0, java.util.function.Supplier<java.lang.String> p1) { }
    public static void assertEquals(short p0, short p1) { }
    public static void assertEquals(short p0, java.lang.Short p1) { }
    public static void assertEquals(java.lang.Short p0, short p1) { }
    public static void assertEquals(java.lang.Short p0, java.lang.Short p1) { }
    public static void assertEquals(short p0, short p1, java.lang.String p2) { }
    public static void assertEquals(short p0, java.lang.Short p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Short p0, short p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Short p0, java.lang.Short p1, java.lang.String p2) { }
    public static void assertEquals(short p0, short p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(short p0, java.lang.Short p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Short p0, short p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Short p0, java.lang.Short p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(byte p0, byte p1) { }
    public static void assertEquals(byte p0, java.lang.Byte p1) { }
    public static void assertEquals(java.lang.Byte p0, byte p1) { }
    public static void assertEquals(java.lang.Byte p0, java.lang.Byte p1) { }
    public static void assertEquals(byte p0, byte p1, java.lang.String p2) { }
    public static void assertEquals(byte p0, java.lang.Byte p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Byte p0, byte p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Byte p0, java.lang.Byte p1, java.lang.String p2) { }
    public static void assertEquals(byte p0, byte p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(byte p0, java.lang.Byte p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Byte p0, byte p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Byte p0, java.lang.Byte p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(int p0, int p1) { }
    public static void assertEquals(int p0, java.lang.Integer p1) { }
    public static void assertEquals(java.lang.Integer p0, int p1) { }
    public static void assertEquals(java.lang.Integer p0, java.lang.Integer p1) { }
    public static void assertEquals(int p0, int p1, java.lang.String p2) { }
    public static void assertEquals(int p0, java.lang.Integer p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Integer p0, int p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Integer p0, java.lang.Integer p1, java.lang.String p2) { }
    public static void assertEquals(int p0, int p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(int p0, java.lang.Integer p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Integer p0, int p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Integer p0, java.lang.Integer p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(long p0, long p1) { }
    public static void assertEquals(long p0, java.lang.Long p1) { }
    public static void assertEquals(java.lang.Long p0, long p1) { }
    public static void assertEquals(java.lang.Long p0, java.lang.Long p1) { }
    public static void assertEquals(long p0, long p1, java.lang.String p2) { }
    public static void assertEquals(long p0, java.lang.Long p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Long p0, long p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Long p0, java.lang.Long p1, java.lang.String p2) { }
    public static void assertEquals(long p0, long p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(long p0, java.lang.Long p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Long p0, long p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Long p0, java.lang.Long p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(float p0, float p1) { }
    public static void assertEquals(float p0, java.lang.Float p1) { }
    public static void assertEquals(java.lang.Float p0, float p1) { }
    public static void assertEquals(java.lang.Float p0, java.lang.Float p1) { }
    public static void assertEquals(float p0, float p1, java.lang.String p2) { }
    public static void assertEquals(float p0, java.lang.Float p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Float p0, float p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Float p0, java.lang.Float p1, java.lang.String p2) { }
    public static void assertEquals(float p0, float p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(float p0, java.lang.Float p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Float p0, float p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Float p0, java.lang.Float p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(float p0, float p1, float p2) { }
    public static void assertEquals(float p0, float p1, float p2, java.lang.String p3) { }
    public static void assertEquals(float p0, float p1, float p2, java.util.function.Supplier<java.lang.String> p3) { }
    public static void assertEquals(double p0, double p1) { }
    public static void assertEquals(double p0, java.lang.Double p1) { }
    public static void assertEquals(java.lang.Double p0, double p1) { }
    public static void assertEquals(java.lang.Double p0, java.lang.Double p1) { }
    public static void assertEquals(double p0, double p1, java.lang.String p2) { }
    public static void assertEquals(double p0, java.lang.Double p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Double p0, double p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Double p0, java.lang.Double p1, java.lang.String p2) { }
    public static void assertEquals(double p0, double p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(double p0, java.lang.Double p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Double p0, double p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Double p0, java.lang.Double p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(double p0, double p1, double p2) { }
    public static void assertEquals(double p0, double p1, double p2, java.lang.String p3) { }
    public static void assertEquals(double p0, double p1, double p2, java.util.function.Supplier<java.lang.String> p3) { }
    public static void assertEquals(char p0, char p1) { }
    public static void assertEquals(char p0, java.lang.Character p1) { }
    public static void assertEquals(java.lang.Character p0, char p1) { }
    public static void assertEquals(java.lang.Character p0, java.lang.Character p1) { }
    public static void assertEquals(char p0, char p1, java.lang.String p2) { }
    public static void assertEquals(char p0, java.lang.Character p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Character p0, char p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Character p0, java.lang.Character p1, java.lang.String p2) { }
    public static void assertEquals(char p0, char p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(char p0, java.lang.Character p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Character p0, char p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Character p0, java.lang.Character p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertEquals(java.lang.Object p0, java.lang.Object p1) { }
    public static void assertEquals(java.lang.Object p0, java.lang.Object p1, java.lang.String p2) { }
    public static void assertEquals(java.lang.Object p0, java.lang.Object p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(byte p0, byte p1) { }
    public static void assertNotEquals(byte p0, java.lang.Byte p1) { }
    public static void assertNotEquals(java.lang.Byte p0, byte p1) { }
    public static void assertNotEquals(java.lang.Byte p0, java.lang.Byte p1) { }
    public static void assertNotEquals(byte p0, byte p1, java.lang.String p2) { }
    public static void assertNotEquals(byte p0, java.lang.Byte p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Byte p0, byte p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Byte p0, java.lang.Byte p1, java.lang.String p2) { }
    public static void assertNotEquals(byte p0, byte p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(byte p0, java.lang.Byte p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Byte p0, byte p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Byte p0, java.lang.Byte p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(short p0, short p1) { }
    public static void assertNotEquals(short p0, java.lang.Short p1) { }
    public static void assertNotEquals(java.lang.Short p0, short p1) { }
    public static void assertNotEquals(java.lang.Short p0, java.lang.Short p1) { }
    public static void assertNotEquals(short p0, short p1, java.lang.String p2) { }
    public static void assertNotEquals(short p0, java.lang.Short p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Short p0, short p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Short p0, java.lang.Short p1, java.lang.String p2) { }
    public static void assertNotEquals(short p0, short p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(short p0, java.lang.Short p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Short p0, short p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Short p0, java.lang.Short p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(int p0, int p1) { }
    public static void assertNotEquals(int p0, java.lang.Integer p1) { }
    public static void assertNotEquals(java.lang.Integer p0, int p1) { }
    public static void assertNotEquals(java.lang.Integer p0, java.lang.Integer p1) { }
    public static void assertNotEquals(int p0, int p1, java.lang.String p2) { }
    public static void assertNotEquals(int p0, java.lang.Integer p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Integer p0, int p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Integer p0, java.lang.Integer p1, java.lang.String p2) { }
    public static void assertNotEquals(int p0, int p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(int p0, java.lang.Integer p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Integer p0, int p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Integer p0, java.lang.Integer p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(long p0, long p1) { }
    public static void assertNotEquals(long p0, java.lang.Long p1) { }
    public static void assertNotEquals(java.lang.Long p0, long p1) { }
    public static void assertNotEquals(java.lang.Long p0, java.lang.Long p1) { }
    public static void assertNotEquals(long p0, long p1, java.lang.String p2) { }
    public static void assertNotEquals(long p0, java.lang.Long p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Long p0, long p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Long p0, java.lang.Long p1, java.lang.String p2) { }
    public static void assertNotEquals(long p0, long p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(long p0, java.lang.Long p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Long p0, long p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Long p0, java.lang.Long p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(float p0, float p1) { }
    public static void assertNotEquals(float p0, java.lang.Float p1) { }
    public static void assertNotEquals(java.lang.Float p0, float p1) { }
    public static void assertNotEquals(java.lang.Float p0, java.lang.Float p1) { }
    public static void assertNotEquals(float p0, float p1, java.lang.String p2) { }
    public static void assertNotEquals(float p0, java.lang.Float p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Float p0, float p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Float p0, java.lang.Float p1, java.lang.String p2) { }
    public static void assertNotEquals(float p0, float p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(float p0, java.lang.Float p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Float p0, float p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Float p0, java.lang.Float p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(float p0, float p1, float p2) { }
    public static void assertNotEquals(float p0, float p1, float p2, java.lang.String p3) { }
    public static void assertNotEquals(float p0, float p1, float p2, java.util.function.Supplier<java.lang.String> p3) { }
    public static void assertNotEquals(double p0, double p1) { }
    public static void assertNotEquals(double p0, java.lang.Double p1) { }
    public static void assertNotEquals(java.lang.Double p0, double p1) { }
    public static void assertNotEquals(java.lang.Double p0, java.lang.Double p1) { }
    public static void assertNotEquals(double p0, double p1, java.lang.String p2) { }
    public static void assertNotEquals(double p0, java.lang.Double p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Double p0, double p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Double p0, java.lang.Double p1, java.lang.String p2) { }
    public static void assertNotEquals(double p0, double p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(double p0, java.lang.Double p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Double p0, double p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Double p0, java.lang.Double p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(double p0, double p1, double p2) { }
    public static void assertNotEquals(double p0, double p1, double p2, java.lang.String p3) { }
    public static void assertNotEquals(double p0, double p1, double p2, java.util.function.Supplier<java.lang.String> p3) { }
    public static void assertNotEquals(char p0, char p1) { }
    public static void assertNotEquals(char p0, java.lang.Character p1) { }
    public static void assertNotEquals(java.lang.Character p0, char p1) { }
    public static void assertNotEquals(java.lang.Character p0, java.lang.Character p1) { }
    public static void assertNotEquals(char p0, char p1, java.lang.String p2) { }
    public static void assertNotEquals(char p0, java.lang.Character p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Character p0, char p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Character p0, java.lang.Character p1, java.lang.String p2) { }
    public static void assertNotEquals(char p0, char p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(char p0, java.lang.Character p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Character p0, char p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Character p0, java.lang.Character p1, java.util.function.Supplier<java.lang.String> p2) { }
    public static void assertNotEquals(java.lang.Object p0, java.lang.Object p1) { }
    public static void assertNotEquals(java.lang.Object p0, java.lang.Object p1, java.lang.String p2) { }
    public static void assertNotEquals(java.lang.Object p0, java.lang.Object p1, java.util.function.Supplier<java.lang.String> p2) { }
}

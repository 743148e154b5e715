package dev.emu.engine.backend;

import dev.emu.engine.ir.IrBlock;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import java.util.List;

import static org.objectweb.asm.Opcodes.*;

/**
 * The class file around block bodies. One block: {@code run(Vcpu)} holds the body itself, so
 * nothing stands between the run loop's call and the code. Several blocks (a batch, to define
 * fewer classes): each body is a static method {@code b<k>(Vcpu)}, each instance has an
 * {@code id}, and {@code run} switches on it. A region: {@code run(Vcpu)} holds all its blocks
 * as one body (see {@link BlockEmitter}), entered at the block its instance's {@code entry} names.
 */
final class BlockClassWriter {
    static final String PACKAGE = "dev/emu/engine/backend/";
    private static final String COMPILED_BLOCK = "dev/emu/engine/exec/CompiledBlock";
    private static final String RUN_DESC = "(Ldev/emu/engine/cpu/Vcpu;)I";

    private BlockClassWriter() {}

    static String simpleName(List<IrBlock> blocks) {
        return (blocks.size() == 1 ? "Block_" : "Blocks_") + Long.toHexString(blocks.get(0).startPc);
    }

    /** A region's class: its bytes, its number of exits, and the bytecode size of its method. */
    record RegionClass(byte[] bytes, int exits, int codeBytes) {}

    /**
     * One class whose {@code run} holds every block of a region. Each instance has an
     * {@code entry}: the block {@code run} starts at (0, the region's first block, for the
     * instance the region was compiled for; others when a block inside it gets hot and runs the
     * same method from its own start instead of being compiled again). Only with
     * {@code multiEntry}: the switch makes the region's loops irreducible (entered in the middle),
     * which HotSpot optimises less, so a region that will only be entered at its head has none.
     */
    static RegionClass writeRegion(List<IrBlock> blocks, boolean multiEntry) {
        String name = PACKAGE + "Region_" + Long.toHexString(blocks.get(0).startPc);
        ClassWriter cw = newClassWriter(name);
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "entry", "I", null, null).visitEnd();
        writeConstructor(cw, name, "entry");
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "run", RUN_DESC, null, null);
        mv.visitCode();
        BlockEmitter emitter = new BlockEmitter(mv, blocks.stream().map(BlockAnalysis::new).toList(), true, 1);
        if (multiEntry) {
            emitter.setEntrySelector(() -> {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, name, "entry", "I");
            });
        }
        int exits = emitter.emit();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        byte[] bytes = cw.toByteArray();
        return new RegionClass(bytes, exits, emitter.codeBytes());
    }

    private static ClassWriter newClassWriter(String name) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            // Frames never merge two different reference types in this code; never load classes.
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return type1.equals(type2) ? type1 : "java/lang/Object";
            }
        };
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", new String[] {COMPILED_BLOCK});
        // Line numbers are byte offsets of guest instructions from the block start.
        cw.visitSource("guest", null);
        return cw;
    }

    static byte[] write(List<IrBlock> blocks) {
        String name = PACKAGE + simpleName(blocks);
        ClassWriter cw = newClassWriter(name);
        if (blocks.size() == 1) {
            writeConstructor(cw, name, null);
            MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "run", RUN_DESC, null, null);
            writeBody(mv, blocks.get(0), 1);
        } else {
            cw.visitField(ACC_PRIVATE | ACC_FINAL, "id", "I", null, null).visitEnd();
            writeConstructor(cw, name, "id");
            writeDispatch(cw, name, blocks.size());
            for (int k = 0; k < blocks.size(); k++) {
                MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, "b" + k, RUN_DESC, null, null);
                writeBody(mv, blocks.get(k), 0);
            }
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void writeBody(MethodVisitor mv, IrBlock block, int cpuLocal) {
        mv.visitCode();
        new BlockEmitter(mv, new BlockAnalysis(block), cpuLocal).emit();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code intField}: the int field the constructor's one argument goes to, or null for none. */
    private static void writeConstructor(ClassWriter cw, String name, String intField) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", intField != null ? "(I)V" : "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        if (intField != null) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitFieldInsn(PUTFIELD, name, intField, "I");
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void writeDispatch(ClassWriter cw, String name, int count) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "run", RUN_DESC, null, null);
        mv.visitCode();
        Label[] cases = new Label[count];
        for (int k = 0; k < count; k++) {
            cases[k] = new Label();
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, name, "id", "I");
        mv.visitTableSwitchInsn(0, count - 1, cases[count - 1], cases);
        for (int k = 0; k < count; k++) {
            mv.visitLabel(cases[k]);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitMethodInsn(INVOKESTATIC, name, "b" + k, RUN_DESC, false);
            mv.visitInsn(IRETURN);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}

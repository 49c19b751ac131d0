package dev.backlog.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified line diff (3 lines of context) from a longest-common-subsequence table. Inputs beyond 4,000 × 4,000
 * lines are compared as one replaced block, which keeps the table bounded.
 */
final class LineDiff {
    private static final int CONTEXT = 3;
    private static final long MAX_CELLS = 16_000_000L;

    private LineDiff() {
    }

    private record Op(char kind, String line) {}

    static String unified(String fromLabel, String toLabel, String a, String b) {
        List<String> x = lines(a);
        List<String> y = lines(b);
        List<Op> ops = (long) x.size() * y.size() > MAX_CELLS ? replaceAll(x, y) : lcs(x, y);
        StringBuilder out = new StringBuilder("--- ").append(fromLabel).append("\n+++ ").append(toLabel).append('\n');
        int[] oldBefore = new int[ops.size() + 1];
        int[] newBefore = new int[ops.size() + 1];
        List<Integer> changes = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            char k = ops.get(i).kind();
            oldBefore[i + 1] = oldBefore[i] + (k != '+' ? 1 : 0);
            newBefore[i + 1] = newBefore[i] + (k != '-' ? 1 : 0);
            if (k != ' ') {
                changes.add(i);
            }
        }
        for (int h = 0; h < changes.size(); ) {
            int k = h;
            while (k + 1 < changes.size() && changes.get(k + 1) - changes.get(k) <= 2 * CONTEXT + 1) {
                k++;
            }
            int start = Math.max(0, changes.get(h) - CONTEXT);
            int end = Math.min(ops.size(), changes.get(k) + CONTEXT + 1);
            int oc = oldBefore[end] - oldBefore[start];
            int nc = newBefore[end] - newBefore[start];
            out.append("@@ -").append(oldBefore[start] + (oc > 0 ? 1 : 0)).append(',').append(oc)
                    .append(" +").append(newBefore[start] + (nc > 0 ? 1 : 0)).append(',').append(nc).append(" @@\n");
            for (int i = start; i < end; i++) {
                out.append(ops.get(i).kind()).append(ops.get(i).line()).append('\n');
            }
            h = k + 1;
        }
        return out.toString();
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        for (String l : s.split("\n", -1)) {
            out.add(l);
        }
        if (s.endsWith("\n")) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static List<Op> lcs(List<String> x, List<String> y) {
        int n = x.size();
        int m = y.size();
        int[][] t = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                t[i][j] = x.get(i).equals(y.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (x.get(i).equals(y.get(j))) {
                ops.add(new Op(' ', x.get(i)));
                i++;
                j++;
            } else if (t[i + 1][j] >= t[i][j + 1]) {
                ops.add(new Op('-', x.get(i++)));
            } else {
                ops.add(new Op('+', y.get(j++)));
            }
        }
        while (i < n) {
            ops.add(new Op('-', x.get(i++)));
        }
        while (j < m) {
            ops.add(new Op('+', y.get(j++)));
        }
        return ops;
    }

    private static List<Op> replaceAll(List<String> x, List<String> y) {
        List<Op> ops = new ArrayList<>();
        x.forEach(l -> ops.add(new Op('-', l)));
        y.forEach(l -> ops.add(new Op('+', l)));
        return ops;
    }
}

using ChildAid.Shared.Balances;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Stock;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Stock;

/// <summary>
/// Goods of an in-kind receipt through their lot: announced, received, inspected by someone else, stocked (one stock movement
/// in the ledger) or rejected; written off, never below zero. Each rule refused by the service with a message and by the
/// database whoever writes.
/// </summary>
public abstract class StockTests(DatabaseProvider provider) : StockTest(provider)
{
    [Fact]
    public async Task A_lot_is_received_inspected_by_someone_else_and_stocked_with_one_stock_movement_entry()
    {
        var lot = await AnnouncedAsync(300);
        Assert.Equal(StockLotState.Announced, lot.State);
        Assert.Equal(300, lot.ExpectedQuantity);
        Assert.Empty(Ok(await StockAsAsync(W.Proposer, s => s.AnnounceAsync(lot.ContributionId))));

        var received = Done(await StockAsAsync(W.Proposer, s => s.ReceiveAsync(lot.Id, Received(290))));
        Assert.Equal(290, received.ReceivedQuantity);

        var own = await StockAsAsync(W.Proposer, s => s.InspectAsync(lot.Id, Clothes(280, 8, 2)));
        Assert.False(own.Succeeded);
        Assert.Equal(StockLot.SameAsReceiver, own.Refusal);

        var wrongSum = await StockAsAsync(W.Approver, s => s.InspectAsync(lot.Id, Clothes(280, 8, 1)));
        Assert.Equal("Số đạt, hư hỏng và hết hạn cộng lại phải bằng số thực nhận (290).", wrongSum.Errors["GoodQuantity"]);
        var noBand = Clothes(280, 8, 2);
        noBand.SizeBand = null;
        Assert.Equal("Quần áo cần ghi nhóm cỡ (độ tuổi).", (await StockAsAsync(W.Approver, s => s.InspectAsync(lot.Id, noBand))).Errors["SizeBand"]);
        var food = new StockInspectInput { GoodsKind = StockGoodsKind.Food, GoodQuantity = 290, DamagedQuantity = 0, ExpiredQuantity = 0 };
        Assert.Equal("Thực phẩm cần ghi hạn sử dụng.", (await StockAsAsync(W.Approver, s => s.InspectAsync(lot.Id, food))).Errors["ExpiryDate"]);

        Done(await StockAsAsync(W.Approver, s => s.InspectAsync(lot.Id, Clothes(280, 8, 2))));
        Assert.DoesNotContain(await LedgerAsync(), e => e.Kind == LedgerEntryKind.StockMovement);

        var stocked = Done(await StockAsAsync(W.Approver, s => s.StockAsync(lot.Id, "LO-2026-01")));
        Assert.Equal(StockLotState.Stocked, stocked.State);
        Assert.Equal(280, stocked.OnHand);
        // A second click books nothing.
        Assert.Equal(StockLot.WrongState, (await StockAsAsync(W.Approver, s => s.StockAsync(lot.Id, "LO-2026-01"))).Errors["LotNumber"]);

        var ledger = await LedgerAsync();
        var movement = Assert.Single(ledger, e => e.Kind == LedgerEntryKind.StockMovement);
        var receiptEntry = Assert.Single(ledger, e => e.Kind == LedgerEntryKind.Receipt);
        Assert.Equal(0, movement.AmountVnd);
        Assert.Equal("Áo ấm trẻ em (6–8 tuổi)", movement.Item);
        Assert.Equal(280m, movement.Quantity);
        Assert.Equal("chiếc", movement.UnitOfMeasure);
        Assert.Equal(W.IaDal.Code, movement.UnitCode);
        Assert.Equal(receiptEntry.Sequence, movement.SourceSequence);
        Assert.Equal(receiptEntry.ReceiptNumber, movement.ReceiptNumber);
        Assert.Equal("Nhập kho: Áo ấm trẻ em (6–8 tuổi), 280 chiếc, Xã Ia Đal", movement.Description);
        Assert.Equal("", movement.DonorDisplay);
        Assert.Null(movement.DonorCommitment);
        var verification = await LedgerVerifier.VerifyAsync(ledger.ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);

        await using var db = Db.NewContext();
        var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking());
        Assert.True(balances.Holds, string.Join(" | ", balances.Violations.Select(v => v.Message)));
        Assert.Equal(280m, balances.StockOnHand[("Áo ấm trẻ em (6–8 tuổi)", "chiếc")]);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "StockLot" && a.Action == "Added" && a.UserId == W.Proposer.Id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "StockLot" && a.Action == "Modified" && a.UserId == W.Approver.Id));
    }

    [Fact]
    public async Task Nothing_is_stocked_before_inspection_neither_by_the_service_nor_by_the_database()
    {
        var lot = await AnnouncedAsync(50);
        Assert.Equal(StockService.NotInspected, (await StockAsAsync(W.Approver, s => s.StockAsync(lot.Id, "LO-1"))).Errors["LotNumber"]);
        Done(await StockAsAsync(W.Proposer, s => s.ReceiveAsync(lot.Id, Received(50))));
        Assert.Equal(StockService.NotInspected, (await StockAsAsync(W.Approver, s => s.StockAsync(lot.Id, "LO-1"))).Errors["LotNumber"]);

        await using var db = Db.NewContext();
        // Straight into the table, with a stock movement in the ledger to name: the database refuses a lot with no inspection.
        var ex = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE stock_lots SET state = 'Stocked', lot_number = 'LO-1', stocked_by_id = 'someone', stocked_at = received_at, " +
            "stocked_sequence = (SELECT max(sequence) FROM ledger_entries), on_hand = 50, good_quantity = 50 WHERE id = {0}", lot.Id));
        Assert.NotNull(ex);
        Assert.Contains("stock_lots", ex.ToString());
        // Even with counts but without an inspector, and a received lot cannot skip to rejected either.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE stock_lots SET state = 'Inspected', goods_kind = 'Other', good_quantity = 50, damaged_quantity = 0, expired_quantity = 0 WHERE id = {0}", lot.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE stock_lots SET state = 'Rejected', rejection_reason = 'x', rejected_fate = 'Destroyed', rejected_by_id = 'x' WHERE id = {0}", lot.Id)));
        // The inspector is not the receiver, in the database too.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE stock_lots SET state = 'Inspected', goods_kind = 'Other', good_quantity = 50, damaged_quantity = 0, expired_quantity = 0, " +
            "inspected_by_id = received_by_id, inspected_at = received_at WHERE id = {0}", lot.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM stock_lots WHERE id = {0}", lot.Id)));
        var row = await db.StockLots.AsNoTracking().SingleAsync(l => l.Id == lot.Id);
        Assert.Equal(StockLotState.Received, row.State);
        Assert.False(await db.LedgerEntries.AnyAsync(e => e.Kind == LedgerEntryKind.StockMovement));
    }

    [Fact]
    public async Task Damaged_and_expired_goods_are_never_stocked_and_a_rejected_lot_books_nothing()
    {
        var lot = await InspectedAsync(100, 90, 6, 4);
        var stocked = Done(await StockAsAsync(W.Approver, s => s.StockAsync(lot.Id, "LO-7")));
        Assert.Equal(90, stocked.OnHand);
        Assert.Equal(90m, (await LedgerAsync()).Single(e => e.Kind == LedgerEntryKind.StockMovement).Quantity);

        var spoiled = await InspectedAsync(20, 0, 20);
        Assert.Contains("không có hàng đạt", (await StockAsAsync(W.Approver, s => s.StockAsync(spoiled.Id, "LO-8"))).Errors["LotNumber"]);
        var errors = (await StockAsAsync(W.Approver, s => s.RejectAsync(spoiled.Id, " ", null))).Errors;
        Assert.Equal("Nhập lý do loại lô hàng.", errors["Reason"]);
        Assert.Equal("Chọn cách xử lý hàng bị loại.", errors["Fate"]);
        var rejected = Done(await StockAsAsync(W.Approver, s => s.RejectAsync(spoiled.Id, "Áo bị mốc cả lô", RejectedGoodsFate.ReturnedToDonor)));
        Assert.Equal(StockLotState.Rejected, rejected.State);
        Assert.Equal(StockLot.WrongState, (await StockAsAsync(W.Approver, s => s.StockAsync(spoiled.Id, "LO-8"))).Errors["LotNumber"]);
        Assert.Single(await LedgerAsync(), e => e.Kind == LedgerEntryKind.StockMovement);

        await using var db = Db.NewContext();
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE stock_lots SET state = 'Stocked' WHERE id = {0}", spoiled.Id)));
    }

    [Fact]
    public async Task A_write_off_books_a_negative_stock_movement_never_below_zero_and_once_per_click()
    {
        var lot = await StockedAsync(10, 10);
        var key = Guid.NewGuid();
        var input = new StockWriteOffInput { Quantity = 4, Reason = StockWriteOffReason.Spoiled, Note = "Mưa dột kho, áo ướt mốc", IdempotencyKey = key };
        var first = Ok(await StockAsAsync(W.Approver, s => s.WriteOffAsync(lot.Id, input)));
        var again = Ok(await StockAsAsync(W.Approver, s => s.WriteOffAsync(lot.Id, input)));
        Assert.Equal(first.Id, again.Id);

        var ledger = await LedgerAsync();
        var movements = ledger.Where(e => e.Kind == LedgerEntryKind.StockMovement).ToList();
        Assert.Equal(2, movements.Count);
        Assert.Equal(-4m, movements[1].Quantity);
        Assert.Equal(movements[0].Sequence, movements[1].SourceSequence);
        Assert.Equal(movements[0].Item, movements[1].Item);
        Assert.Equal("Xuất huỷ (hư hỏng): Áo ấm trẻ em (6–8 tuổi), 4 chiếc, Xã Ia Đal", movements[1].Description);
        Assert.DoesNotContain("mốc", LedgerCanonicalForm.Build(movements[1]));

        var over = await StockAsAsync(W.Approver, s => s.WriteOffAsync(lot.Id,
            new StockWriteOffInput { Quantity = 7, Reason = StockWriteOffReason.Lost, Note = "Mất", IdempotencyKey = Guid.NewGuid() }));
        Assert.Equal("Lô này chỉ còn 6 chiếc trong kho; tồn kho không được âm.", over.Errors["Quantity"]);
        Assert.Equal("Ghi rõ chuyện gì đã xảy ra.", (await StockAsAsync(W.Approver, s => s.WriteOffAsync(lot.Id,
            new StockWriteOffInput { Quantity = 1, Reason = StockWriteOffReason.Lost }))).Errors["Note"]);

        await using var db = Db.NewContext();
        // Straight into the table, with a matching ledger entry: the database refuses more than is on hand.
        var ex = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO stock_write_offs (stock_lot_id, quantity, reason, note, written_off_by_id, written_off_at, written_off_on, ledger_sequence, idempotency_key) " +
            "VALUES ({0}, 7, 'Lost', 'x', 'x', {1}, {2}, {3}, {4})", lot.Id, DateTime.UtcNow, Yesterday, movements[1].Sequence, Guid.NewGuid()));
        Assert.NotNull(ex);
        Assert.Contains("stock_write_offs", ex.ToString());
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE stock_lots SET on_hand = 10 WHERE id = {0}", lot.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE stock_lots SET on_hand = -1 WHERE id = {0}", lot.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM stock_write_offs")));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE stock_write_offs SET quantity = 1")));

        Ok(await StockAsAsync(W.Approver, s => s.WriteOffAsync(lot.Id,
            new StockWriteOffInput { Quantity = 6, Reason = StockWriteOffReason.Lost, Note = "Mất khi chuyển kho", IdempotencyKey = Guid.NewGuid() })));
        Assert.Equal(0, (await db.StockLots.AsNoTracking().SingleAsync(l => l.Id == lot.Id)).OnHand);
        var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking());
        Assert.True(balances.Holds, string.Join(" | ", balances.Violations.Select(v => v.Message)));
        Assert.Equal(0m, balances.StockOnHand[("Áo ấm trẻ em (6–8 tuổi)", "chiếc")]);
        Assert.Equal(2, await db.StockWriteOffs.CountAsync());
    }

    [Fact]
    public async Task A_commune_officer_sees_and_acts_on_their_commune_s_lots_only()
    {
        var lot = await AnnouncedAsync(30);
        Assert.Equal(StockService.NotFound, (await StockAsAsync(W.OtherCommune, s => s.ReceiveAsync(lot.Id, Received(30)))).Errors["Quantity"]);
        Assert.False((await StockAsAsync(W.OtherCommune, s => s.AnnounceAsync(lot.ContributionId))).Succeeded);
        Assert.Equal(0, await StockAsAsync(W.OtherCommune, (_, db) => db.StockLots.CountAsync()));
        // The approver covers Ia Đal only: no keeping the goods in Ia Tơi.
        Assert.Contains("phạm vi", (await StockAsAsync(W.Approver, s => s.ReceiveAsync(lot.Id, Received(30, W.IaToi.Id)))).Errors["AdminUnitId"]);

        // The proposer covers both and moves the lot to Ia Tơi: now Ia Tơi's officer sees it and Ia Đal's does not.
        Done(await StockAsAsync(W.Proposer, s => s.ReceiveAsync(lot.Id, Received(30, W.IaToi.Id))));
        Assert.Equal(1, await StockAsAsync(W.OtherCommune, (_, db) => db.StockLots.CountAsync()));
        Assert.Equal(StockService.NotFound, (await StockAsAsync(W.Approver, s => s.InspectAsync(lot.Id, Clothes(30)))).Errors["GoodQuantity"]);
        Done(await StockAsAsync(W.OtherCommune, s => s.InspectAsync(lot.Id, Clothes(30))));
        var stocked = Done(await StockAsAsync(W.OtherCommune, s => s.StockAsync(lot.Id, "LO-T1")));
        Assert.Equal(W.IaToi.Code, (await LedgerAsync()).Single(e => e.Sequence == stocked.StockedSequence).UnitCode);
    }

    [Fact]
    public async Task Photos_are_kept_privately_with_their_sha256_and_read_by_the_lot_s_commune_only()
    {
        var lot = await AnnouncedAsync(40);
        Assert.Contains("đã nhận", (await StockAsAsync(W.Approver, s => s.AddPhotoAsync(lot.Id, "a.png", Png(1)))).Errors["Photo"]);
        Done(await StockAsAsync(W.Proposer, s => s.ReceiveAsync(lot.Id, Received(40))));
        Assert.Equal("Chỉ nhận ảnh JPEG hoặc PNG.", (await StockAsAsync(W.Approver, s => s.AddPhotoAsync(lot.Id, "a.pdf", "%PDF-1.4"u8.ToArray()))).Errors["Photo"]);
        var photo = Ok(await StockAsAsync(W.Approver, s => s.AddPhotoAsync(lot.Id, "../kho/ảnh 1.png", Png(1))));
        Assert.Equal("ảnh 1.png", photo.FileName);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Png(1))), photo.Sha256);

        var read = await StockAsAsync(W.Approver, s => s.ReadPhotoAsync(lot.Id, photo.Id));
        Assert.Equal(Png(1), read!.Value.Bytes);
        Assert.Null(await StockAsAsync(W.OtherCommune, s => s.ReadPhotoAsync(lot.Id, photo.Id)));

        await using var db = Db.NewContext();
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM stock_lot_photo_contents")));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE stock_lot_photos SET sha256 = {0}", new string('0', 64))));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == "StockLotPhotoContent"));
    }
}

public class StockTestsOnSqlite() : StockTests(DatabaseProvider.Sqlite);

public class StockTestsOnPostgres() : StockTests(DatabaseProvider.Postgres);

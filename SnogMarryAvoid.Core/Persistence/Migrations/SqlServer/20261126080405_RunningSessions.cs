using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnogMarryAvoid.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RunningSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ReasonHidden",
                table: "Votes",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ReasonSpotlighted",
                table: "Votes",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsBlanked",
                table: "Sessions",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ShowResultsLive",
                table: "Sessions",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosesAt",
                table: "Scenarios",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Scenarios_ClosesAt",
                table: "Scenarios",
                column: "ClosesAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Scenarios_ClosesAt",
                table: "Scenarios");

            migrationBuilder.DropColumn(
                name: "ReasonHidden",
                table: "Votes");

            migrationBuilder.DropColumn(
                name: "ReasonSpotlighted",
                table: "Votes");

            migrationBuilder.DropColumn(
                name: "IsBlanked",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "ShowResultsLive",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "ClosesAt",
                table: "Scenarios");
        }
    }
}
